import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AiUsageSummary } from "@/lib/ai/usage";

/** This month's AI calls of the workspace, so admins see what their key is spending. */
export function AiUsageCard({ usage }: { usage: AiUsageSummary }) {
  const t = useTranslations("settings.sections.ai-integration");
  const format = useFormatter();
  const figures = [
    ["usageCalls", usage.calls],
    ["usageInputTokens", usage.inputTokens],
    ["usageOutputTokens", usage.outputTokens],
    ["usageFailures", usage.failures],
  ] as const;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("usageTitle")}</h2>
        </CardTitle>
        <CardDescription>{t("usageDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {figures.map(([key, value]) => (
            <div key={key} className="grid gap-1">
              <dt className="text-sm text-muted-foreground">{t(key)}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{format.number(value)}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
