import { getTranslations } from "next-intl/server";
import { AiAssistantForm } from "@/components/settings/ai-assistant-form";
import { aiIntegrationSection } from "@/lib/ai/settings";
import { requirePagePermission } from "@/lib/auth/session";
import { assistantSection } from "@/lib/bots/assistant-settings";
import { getDb } from "@/lib/db/client";
import { getSettings, getSettingsForForm } from "@/lib/settings/stored-section";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.ai-assistant");
  return { title: t("title") };
}

export default async function AiAssistantSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const db = getDb();
  const [{ values }, integration] = await Promise.all([
    getSettingsForForm(db, member.workspaceId, assistantSection),
    getSettings(db, member.workspaceId, aiIntegrationSection),
  ]);
  return <AiAssistantForm initial={values} integrationModel={integration.model} />;
}
