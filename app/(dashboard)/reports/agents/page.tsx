import { getFormatter, getTranslations } from "next-intl/server";
import { AgentPerformanceChart } from "@/components/reports/agent-performance-chart";
import { AgentPerformanceTable } from "@/components/reports/agent-performance-table";
import { ReportPeriodForm } from "@/components/reports/report-period-form";
import { ReportTabs } from "@/components/reports/report-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadAgentPerformanceReport } from "@/lib/reports/agent-performance";
import { parseReportPeriod } from "@/lib/reports/period";

export async function generateMetadata() {
  const t = await getTranslations("reports.agents");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentPerformancePage({ searchParams }: Props) {
  const member = await requirePagePermission("reports:view");
  const period = parseReportPeriod(await searchParams, member.timeZone);
  const [rows, t, format] = await Promise.all([
    loadAgentPerformanceReport(getDb(), member, { from: period.start, to: period.end }),
    getTranslations("reports.agents"),
    getFormatter(),
  ]);
  // The days are calendar dates already; formatting them at UTC midnight keeps the date as chosen.
  const day = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex min-w-0 flex-col gap-6 p-4 sm:p-6">
        <ReportTabs current="agents" />
        <ReportPeriodForm action="/reports/agents" from={period.from} to={period.to} />
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <>
            <AgentPerformanceChart rows={rows} label={t("chartLabel", { from: day(period.from), to: day(period.to) })} />
            <AgentPerformanceTable rows={rows} />
            <p className="max-w-3xl text-xs text-muted-foreground">{t("help")}</p>
          </>
        )}
      </div>
    </>
  );
}
