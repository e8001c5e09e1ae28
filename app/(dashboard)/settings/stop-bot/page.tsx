import { getTranslations } from "next-intl/server";
import { StopBotForm } from "@/components/settings/stop-bot-form";
import { requirePagePermission } from "@/lib/auth/session";
import { stopBotSection } from "@/lib/bots/stop-bot-settings";
import { getDb } from "@/lib/db/client";
import { getSettingsForForm } from "@/lib/settings/stored-section";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.stop-bot");
  return { title: t("title") };
}

export default async function StopBotSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const { values } = await getSettingsForForm(getDb(), member.workspaceId, stopBotSection);
  return <StopBotForm initial={values} />;
}
