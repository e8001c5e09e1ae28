import "server-only";
import { sql } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { toCsv } from "@/lib/http/csv";
import { leadStatusEnum, type LeadStatus } from "@/lib/db/schema";

/**
 * Lead reports for a period [from, to): leads are counted by their
 * created_at, so a lead belongs to the period it arrived in whatever
 * happened to it later. Buckets are calendar days of the workspace's time zone, weeks (ISO:
 * starting on Monday) or months, named by their first day; the first week or
 * month may start before the period, but only the period's leads count.
 * A lead without a source is its own group (sourceId null).
 */
export const LEAD_REPORT_BUCKETS = ["day", "week", "month"] as const;
export type LeadReportBucket = (typeof LEAD_REPORT_BUCKETS)[number];

export type LeadReportPeriod = { workspaceId: string; from: Date; to: Date };

export type LeadsBySourceRow = {
  /** The bucket's first calendar day in the workspace's time zone, YYYY-MM-DD. */
  bucket: string;
  sourceId: string | null;
  sourceName: string | null;
  systemKey: string | null;
  count: number;
};

export type LeadFunnelRow = { status: LeadStatus; count: number };

/** Conversion: leads closed as won over all leads created in the period; rate null when there are none. */
export type ConversionRow = { key: string | null; name: string | null; systemKey: string | null; total: number; won: number; rate: number | null };

/** The bucket from the page's `bucket` search parameter; anything else is a day. */
export function parseLeadReportBucket(value: string | string[] | undefined): LeadReportBucket {
  const first = Array.isArray(value) ? value[0] : value;
  return LEAD_REPORT_BUCKETS.find((bucket) => bucket === first) ?? "day";
}

function inPeriod({ workspaceId, from, to }: LeadReportPeriod) {
  return sql`l.workspace_id = ${workspaceId}::uuid and l.created_at >= ${from.toISOString()}::timestamptz and l.created_at < ${to.toISOString()}::timestamptz`;
}

const WON = sql.raw(`l.status = 'closed' and l.outcome = 'won'`);

export async function leadsBySource(db: Db, period: LeadReportPeriod & { bucket: LeadReportBucket; timeZone: string }): Promise<LeadsBySourceRow[]> {
  // The unit is one of three fixed words (typed, and checked again here), so it may be inlined.
  const unit = sql.raw(`'${LEAD_REPORT_BUCKETS.find((b) => b === period.bucket) ?? "day"}'`);
  const result = await db.execute(sql`
    select to_char(date_trunc(${unit}, l.created_at at time zone ${period.timeZone}), 'YYYY-MM-DD') as bucket,
      s.id as source_id, s.name as source_name, s.system_key, count(*) as n
    from leads l
    left join lead_sources s on s.id = l.source_id and s.workspace_id = l.workspace_id
    where ${inPeriod(period)}
    group by 1, s.id, s.name, s.system_key
    order by 1, s.name nulls last, s.id
  `);
  type Row = { bucket: string; source_id: string | null; source_name: string | null; system_key: string | null; n: number | string };
  return rowsOf<Row>(result).map((row) => ({
    bucket: row.bucket,
    sourceId: row.source_id,
    sourceName: row.source_name,
    systemKey: row.system_key,
    count: Number(row.n),
  }));
}

/** Every status in board order, zeros included, for the leads created in the period (where they stand now). */
export async function leadFunnel(db: Db, period: LeadReportPeriod): Promise<LeadFunnelRow[]> {
  const result = await db.execute(sql`select l.status, count(*) as n from leads l where ${inPeriod(period)} group by l.status`);
  const counts = new Map(rowsOf<{ status: LeadStatus; n: number | string }>(result).map((row) => [row.status, Number(row.n)]));
  return leadStatusEnum.enumValues.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

type ConversionSqlRow = { key: string | null; name: string | null; system_key: string | null; total: number | string; won: number | string };

const conversion = (row: ConversionSqlRow): ConversionRow => {
  const total = Number(row.total);
  const won = Number(row.won);
  return { key: row.key, name: row.name, systemKey: row.system_key, total, won, rate: total === 0 ? null : won / total };
};

/** Per source with leads in the period, the busiest first. */
export async function conversionBySource(db: Db, period: LeadReportPeriod): Promise<ConversionRow[]> {
  const result = await db.execute(sql`
    select s.id as key, s.name, s.system_key, count(*) as total, count(*) filter (where ${WON}) as won
    from leads l
    left join lead_sources s on s.id = l.source_id and s.workspace_id = l.workspace_id
    where ${inPeriod(period)}
    group by s.id, s.name, s.system_key
    order by total desc, s.name nulls last, s.id
  `);
  return rowsOf<ConversionSqlRow>(result).map(conversion);
}

/** Per Click-to-WhatsApp ad (ad_id), named by the latest headline its leads brought; leads without an ad are left out. */
export async function conversionByAd(db: Db, period: LeadReportPeriod): Promise<ConversionRow[]> {
  const result = await db.execute(sql`
    select l.ad_id as key,
      (array_agg(l.ad_headline order by l.created_at desc, l.id desc) filter (where l.ad_headline is not null))[1] as name,
      null as system_key, count(*) as total, count(*) filter (where ${WON}) as won
    from leads l
    where ${inPeriod(period)} and l.ad_id is not null
    group by l.ad_id
    order by total desc, l.ad_id
  `);
  return rowsOf<ConversionSqlRow>(result).map(conversion);
}

export type LeadSourcesReport = {
  bySource: LeadsBySourceRow[];
  funnel: LeadFunnelRow[];
  conversionBySource: ConversionRow[];
  conversionByAd: ConversionRow[];
};

/** The report as the leads report screen loads it; admins only, as every report. */
export async function loadLeadSourcesReport(
  db: Db,
  actor: Actor,
  options: { from: Date; to: Date; bucket: LeadReportBucket; timeZone: string },
): Promise<LeadSourcesReport> {
  assertCan(actor, "reports:view");
  const period = { workspaceId: actor.workspaceId, from: options.from, to: options.to };
  const [bySource, funnel, bySourceConversion, byAdConversion] = await Promise.all([
    leadsBySource(db, { ...period, bucket: options.bucket, timeZone: options.timeZone }),
    leadFunnel(db, period),
    conversionBySource(db, period),
    conversionByAd(db, period),
  ]);
  return { bySource, funnel, conversionBySource: bySourceConversion, conversionByAd: byAdConversion };
}

/** The by-source rows as CSV (`lib/http/csv.ts`: quoted, formula starts neutralised, counts kept as numbers). */
export function leadsBySourceCsv(header: [string, string, string], rows: { bucket: string; source: string; count: number }[]): string {
  return toCsv([header, ...rows.map((row) => [row.bucket, row.source, row.count])]);
}
