import { getTranslations } from "next-intl/server";
import { AiPromptsManager } from "@/components/settings/ai-prompts-manager";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listPrompts } from "@/lib/ai/prompts";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.ai-prompts");
  return { title: t("title") };
}

export default async function AiPromptsSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const t = await getTranslations("settings.sections.ai-prompts");
  const prompts = await listPrompts(getDb(), member.workspaceId);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <AiPromptsManager prompts={prompts} />
      </CardContent>
    </Card>
  );
}
