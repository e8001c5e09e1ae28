import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import type { AgentPerformanceRow } from "@/lib/reports/agent-performance";
import { cn } from "@/lib/utils";

const SERIES = [
  { key: "chatsAssigned", color: "bg-chart-1" },
  { key: "messagesSent", color: "bg-chart-2" },
] as const;

/**
 * Horizontal bars in plain HTML: each series is scaled to its own largest
 * value, and the number is printed beside every bar, so nothing is read
 * from the bar length alone (the table below has the same numbers).
 */
export async function AgentPerformanceChart({ rows, label }: { rows: AgentPerformanceRow[]; label: string }) {
  const t = await getTranslations("reports.agents");
  const max = Object.fromEntries(SERIES.map(({ key }) => [key, Math.max(1, ...rows.map((row) => row[key]))])) as Record<
    (typeof SERIES)[number]["key"],
    number
  >;
  return (
    <figure aria-label={label} className="rounded-lg border p-4">
      <figcaption className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-medium">{t("chartTitle")}</span>
        {SERIES.map(({ key, color }) => (
          <span key={key} className="flex items-center gap-1.5 text-muted-foreground">
            <span aria-hidden className={cn("size-3 rounded-sm", color)} />
            {t(key)}
          </span>
        ))}
      </figcaption>
      <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] items-center gap-x-4 gap-y-3 text-sm">
        {rows.map((row) => (
          <Fragment key={row.userId}>
            <dt className="truncate font-medium">{row.name}</dt>
            <dd className="flex flex-col gap-1">
              {SERIES.map(({ key, color }) => (
                <div key={key} className="flex items-center gap-2">
                  <span className="sr-only">{t(key)}:</span>
                  <div aria-hidden className="h-3 flex-1 overflow-hidden rounded-sm bg-muted">
                    <div className={cn("h-full rounded-sm", color)} style={{ width: `${(row[key] / max[key]) * 100}%` }} />
                  </div>
                  <span className="w-10 text-right tabular-nums">{row[key]}</span>
                </div>
              ))}
            </dd>
          </Fragment>
        ))}
      </dl>
    </figure>
  );
}
