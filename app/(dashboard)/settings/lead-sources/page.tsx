import { getTranslations } from "next-intl/server";
import { LeadSourcesManager } from "@/components/settings/lead-sources-manager";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listSources } from "@/lib/leads/sources";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.lead-sources");
  return { title: t("title") };
}

export default async function LeadSourcesSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const t = await getTranslations("settings.sections.lead-sources");
  const sources = await listSources(getDb(), member.workspaceId);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <LeadSourcesManager sources={sources} />
      </CardContent>
    </Card>
  );
}
