import { sourceLabel } from "@/components/leads/lead-labels";
import { getDb } from "@/lib/db/client";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { serverTranslator } from "@/lib/i18n/server";
import { leadsBySource, leadsBySourceCsv, parseLeadReportBucket } from "@/lib/reports/lead-sources";
import { parseReportPeriod } from "@/lib/reports/period";

export const dynamic = "force-dynamic";

/** GET /api/reports/leads.csv?from=&to=&bucket= → the leads-per-source table of the leads report, as CSV. */
export const GET = route("reports.leads.csv", async (request) => {
  const member = await requireRouteMember("reports:view");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const period = parseReportPeriod(params, member.timeZone);
  const rows = await leadsBySource(getDb(), {
    workspaceId: member.workspaceId,
    from: period.start,
    to: period.end,
    bucket: parseLeadReportBucket(params.bucket),
    timeZone: period.timeZone,
  });
  const t = await serverTranslator();
  const body = leadsBySourceCsv(
    [t("reports.leads.csv.bucket"), t("reports.leads.csv.source"), t("reports.leads.csv.leads")],
    rows.map((row) => ({
      bucket: row.bucket,
      source: sourceLabel(t, row.sourceId && row.sourceName !== null ? { name: row.sourceName, systemKey: row.systemKey } : null),
      count: row.count,
    })),
  );
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="leads-by-source.csv"',
      "cache-control": "no-store",
    },
  });
});
