import { getTranslations } from "next-intl/server";
import { AiIntegrationForm } from "@/components/settings/ai-integration-form";
import { AiUsageCard } from "@/components/settings/ai-usage-card";
import { aiIntegrationSection } from "@/lib/ai/settings";
import { getMonthlyAiUsage } from "@/lib/ai/usage";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getSettingsForForm } from "@/lib/settings/stored-section";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.ai-integration");
  return { title: t("title") };
}

export default async function AiIntegrationSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const db = getDb();
  // The form gets the key only as a mask: the secret never reaches the browser.
  const [{ values, masks }, usage] = await Promise.all([
    getSettingsForForm(db, member.workspaceId, aiIntegrationSection),
    getMonthlyAiUsage(db, member.workspaceId, member.timeZone),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <AiIntegrationForm initial={values} apiKeyMask={masks.apiKey ?? null} />
      <AiUsageCard usage={usage} />
    </div>
  );
}
