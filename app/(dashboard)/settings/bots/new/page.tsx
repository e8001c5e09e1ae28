import { getTranslations } from "next-intl/server";
import { BotEditor } from "@/components/bots/bot-editor";
import { requirePagePermission } from "@/lib/auth/session";
import { loadEditorOptions } from "../editor-options";

export async function generateMetadata() {
  const t = await getTranslations("bots.editor");
  return { title: t("newTitle") };
}

export default async function NewBotPage() {
  const member = await requirePagePermission("settings:manage");
  const options = await loadEditorOptions(member);
  return <BotEditor bot={null} {...options} />;
}
