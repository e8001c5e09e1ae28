import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BotEditor } from "@/components/bots/bot-editor";
import { requirePagePermission } from "@/lib/auth/session";
import { getBot } from "@/lib/bots/rules/manage";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadEditorOptions } from "../editor-options";

export async function generateMetadata() {
  const t = await getTranslations("bots.editor");
  return { title: t("editTitle") };
}

export default async function EditBotPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePagePermission("settings:manage");
  const { id } = await params;
  // Another workspace's bot, a deleted one and a malformed id all get the ordinary 404 page.
  const bot = await getBot(getDb(), member, id).catch((error: unknown) => {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  });
  const options = await loadEditorOptions(member, bot.id);
  return <BotEditor bot={bot} {...options} />;
}
