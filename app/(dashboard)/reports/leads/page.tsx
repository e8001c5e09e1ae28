import { Fragment } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { sourceLabel } from "@/components/leads/lead-labels";
import { NativeSelect } from "@/components/ui/native-select";
import { ReportPeriodForm } from "@/components/reports/report-period-form";
import { ReportTabs } from "@/components/reports/report-tabs";
import { LeadsLiveRefresh } from "@/components/leads/leads-live-refresh";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { stickyFirstColumn } from "@/components/ui/card-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LEAD_REPORT_BUCKETS, loadLeadSourcesReport, parseLeadReportBucket, type ConversionRow } from "@/lib/reports/lead-sources";
import { parseReportPeriod } from "@/lib/reports/period";
import { cn } from "@/lib/utils";

export async function generateMetadata() {
  const t = await getTranslations("reports.leads");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const COLORS = ["bg-chart-1", "bg-chart-2", "bg-chart-3", "bg-chart-4", "bg-chart-5"];

export default async function LeadReportsPage({ searchParams }: Props) {
  const member = await requirePagePermission("reports:view");
  const params = await searchParams;
  const period = parseReportPeriod(params, member.timeZone);
  const bucket = parseLeadReportBucket(params.bucket);
  const [report, t, root, format] = await Promise.all([
    loadLeadSourcesReport(getDb(), member, { from: period.start, to: period.end, bucket, timeZone: period.timeZone }),
    getTranslations("reports.leads"),
    getTranslations(),
    getFormatter(),
  ]);
  const translate = (key: string, values?: Record<string, string | number>) => root(key as never, values as never);
  // The days are calendar dates already; formatting them at UTC midnight keeps the date as chosen.
  const day = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const percent = (rate: number | null) => (rate === null ? "—" : format.number(rate, { style: "percent", maximumFractionDigits: 1 }));
  const query = new URLSearchParams({ from: period.from, to: period.to, bucket }).toString();

  // One column per source, in the order the query gives (by name, no source last).
  const sources = new Map<string, string>();
  for (const row of report.bySource) {
    const key = row.sourceId ?? "";
    if (!sources.has(key)) {
      sources.set(key, sourceLabel(translate, row.sourceId && row.sourceName !== null ? { name: row.sourceName, systemKey: row.systemKey } : null));
    }
  }
  const sourceKeys = [...sources.keys()];
  const buckets = new Map<string, Map<string, number>>();
  for (const row of report.bySource) {
    const counts = buckets.get(row.bucket) ?? new Map<string, number>();
    counts.set(row.sourceId ?? "", row.count);
    buckets.set(row.bucket, counts);
  }
  const totalOf = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const maxBucket = Math.max(1, ...[...buckets.values()].map(totalOf));
  const maxFunnel = Math.max(1, ...report.funnel.map((row) => row.count));

  const conversionTable = (caption: string, head: string, rows: ConversionRow[], name: (row: ConversionRow) => string) => (
    <section className="flex min-w-0 flex-col gap-2">
      <h2 className="text-base font-semibold">{caption}</h2>
      <Table>
        <TableCaption className="sr-only">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col" className={stickyFirstColumn}>{head}</TableHead>
            <TableHead scope="col" className="text-right whitespace-normal">{t("leads")}</TableHead>
            <TableHead scope="col" className="text-right whitespace-normal">{t("won")}</TableHead>
            <TableHead scope="col" className="text-right whitespace-normal">{t("rate")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key ?? ""}>
              <TableHead scope="row" className={cn(stickyFirstColumn, "font-medium")}>{name(row)}</TableHead>
              <TableCell className="text-right tabular-nums">{row.total}</TableCell>
              <TableCell className="text-right tabular-nums">{row.won}</TableCell>
              <TableCell className="text-right tabular-nums">{percent(row.rate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex min-w-0 flex-col gap-6 p-4 sm:p-6">
        <ReportTabs current="leads" />
        <LeadsLiveRefresh />
        <ReportPeriodForm
          action="/reports/leads"
          from={period.from}
          to={period.to}
          fields={
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="report-bucket">{t("bucket")}</Label>
              <NativeSelect id="report-bucket" name="bucket" defaultValue={bucket} className="sm:w-32">
                {LEAD_REPORT_BUCKETS.map((value) => (
                  <option key={value} value={value}>
                    {t(`buckets.${value}`)}
                  </option>
                ))}
              </NativeSelect>
            </div>
          }
          actions={
            <Button asChild variant="outline">
              <a href={`/api/reports/leads.csv?${query}`} download>
                {t("exportCsv")}
              </a>
            </Button>
          }
        />
        {buckets.size === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <>
            <figure aria-label={t("chartLabel", { bucket: t(`buckets.${bucket}`), from: day(period.from), to: day(period.to) })} className="rounded-lg border p-4">
              <figcaption className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                <span className="font-medium">{t("chartTitle")}</span>
                {sourceKeys.map((key, i) => (
                  <span key={key} className="flex items-center gap-1.5 text-muted-foreground">
                    <span aria-hidden className={cn("size-3 rounded-sm", COLORS[i % COLORS.length])} />
                    {sources.get(key)}
                  </span>
                ))}
              </figcaption>
              {/* Stacked bars scaled to the busiest bucket; the total is printed beside each, and the table below has every number. */}
              <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] items-center gap-x-4 gap-y-2 text-sm">
                {[...buckets.entries()].map(([start, counts]) => (
                  <Fragment key={start}>
                    <dt className="font-medium">{day(start)}</dt>
                    <dd className="flex items-center gap-2">
                      <div aria-hidden className="flex h-3 flex-1 overflow-hidden rounded-sm bg-muted">
                        {sourceKeys.map((key, i) => (
                          <div key={key} className={cn("h-full", COLORS[i % COLORS.length])} style={{ width: `${((counts.get(key) ?? 0) / maxBucket) * 100}%` }} />
                        ))}
                      </div>
                      <span className="w-16 text-right tabular-nums">{t("bucketTotal", { count: totalOf(counts) })}</span>
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </figure>
            <Table>
              <TableCaption className="sr-only">{t("tableCaption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col" className={stickyFirstColumn}>{t("period")}</TableHead>
                  {sourceKeys.map((key) => (
                    <TableHead key={key} scope="col" className="text-right whitespace-normal">{sources.get(key)}</TableHead>
                  ))}
                  <TableHead scope="col" className="text-right whitespace-normal">{t("total")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...buckets.entries()].map(([start, counts]) => (
                  <TableRow key={start}>
                    <TableHead scope="row" className={cn(stickyFirstColumn, "font-medium")}>{day(start)}</TableHead>
                    {sourceKeys.map((key) => (
                      <TableCell key={key} className="text-right tabular-nums">{counts.get(key) ?? 0}</TableCell>
                    ))}
                    <TableCell className="text-right font-medium tabular-nums">{totalOf(counts)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <figure aria-label={t("funnelLabel", { from: day(period.from), to: day(period.to) })} className="rounded-lg border p-4">
              <figcaption className="mb-4 text-sm font-medium">{t("funnelTitle")}</figcaption>
              <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] items-center gap-x-4 gap-y-2 text-sm">
                {report.funnel.map((row) => (
                  <Fragment key={row.status}>
                    <dt className="font-medium">{root(`leads.status.${row.status}`)}</dt>
                    <dd className="flex items-center gap-2">
                      <div aria-hidden className="h-3 flex-1 overflow-hidden rounded-sm bg-muted">
                        <div className="h-full rounded-sm bg-chart-1" style={{ width: `${(row.count / maxFunnel) * 100}%` }} />
                      </div>
                      <span className="w-10 text-right tabular-nums">{row.count}</span>
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </figure>
            <div className="grid gap-6 lg:grid-cols-2">
              {conversionTable(t("conversionBySource"), t("source"), report.conversionBySource, (row) =>
                sourceLabel(translate, row.key && row.name !== null ? { name: row.name, systemKey: row.systemKey } : null),
              )}
              {report.conversionByAd.length === 0 ? (
                <section className="flex min-w-0 flex-col gap-2">
                  <h2 className="text-base font-semibold">{t("conversionByAd")}</h2>
                  <p className="text-sm text-muted-foreground">{t("noAds")}</p>
                </section>
              ) : (
                conversionTable(t("conversionByAd"), t("ad"), report.conversionByAd, (row) => row.name ?? t("noHeadline", { id: row.key ?? "" }))
              )}
            </div>
            <p className="max-w-3xl text-xs text-muted-foreground">{t("help")}</p>
          </>
        )}
      </div>
    </>
  );
}
