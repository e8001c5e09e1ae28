import { getTranslations } from "next-intl/server";
import { SupportAgentForm } from "@/components/settings/support-agent-form";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getSettingsForForm } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.support-agent");
  return { title: t("title") };
}

export default async function SupportAgentSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const { values } = await getSettingsForForm(getDb(), member.workspaceId, supportAgentSection);
  return <SupportAgentForm initial={values} />;
}
