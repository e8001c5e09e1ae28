import { getTranslations } from "next-intl/server";
import { WebhookForwardingForm } from "@/components/settings/webhook-forwarding-form";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { webhookForwardingSection } from "@/lib/forwarding/settings";
import { getSettingsForForm } from "@/lib/settings/stored-section";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.webhook-forwarding");
  return { title: t("title") };
}

export default async function WebhookForwardingSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const { values, masks } = await getSettingsForForm(getDb(), member.workspaceId, webhookForwardingSection);
  return <WebhookForwardingForm initial={values} secretMask={masks.secret ?? null} />;
}
