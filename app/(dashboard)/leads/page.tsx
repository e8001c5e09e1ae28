import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LeadBoard } from "@/components/leads/lead-board";
import { LeadFilters, type LeadFilterValues } from "@/components/leads/lead-filters";
import { LeadTable } from "@/components/leads/lead-table";
import { LeadsLiveRefresh } from "@/components/leads/leads-live-refresh";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { listAssignableMembers } from "@/lib/assignment/manual";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import type { LeadStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { listLeads, type LeadFilter } from "@/lib/leads/queries";
import { listSources } from "@/lib/leads/sources";
import { LEAD_STATUSES, type LeadListItem } from "@/lib/leads/types";

export async function generateMetadata() {
  const t = await getTranslations("leads");
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : undefined);
const isStatus = (value: string | undefined): value is LeadStatus => LEAD_STATUSES.includes(value as LeadStatus);

/** The URL is the filter state; anything unknown in it is ignored rather than failing the page. */
function readFilters(params: SearchParams): LeadFilterValues & { cursor?: string } {
  const status = one(params.status);
  return {
    view: params.view === "board" ? "board" : "list",
    status: isStatus(status) ? status : undefined,
    sourceId: one(params.source),
    assigneeUserId: one(params.assignee),
    tag: one(params.tag),
    createdFrom: one(params.from),
    createdTo: one(params.to),
    search: one(params.q),
    cursor: one(params.cursor),
  };
}

function query(values: Record<string, string | undefined>): string {
  const entries = Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
}

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requirePagePermission("leads:view");
  const db = getDb();
  const values = readFilters(await searchParams);
  const filter: LeadFilter = { ...values, status: isStatus(values.status) ? values.status : undefined, timeZone: member.timeZone };
  const urlFilters = {
    source: values.sourceId, assignee: values.assigneeUserId, tag: values.tag, from: values.createdFrom, to: values.createdTo, q: values.search,
  };
  const [t, sources, members] = await Promise.all([getTranslations("leads"), listSources(db, member.workspaceId), listAssignableMembers(db, member)]);

  let content: React.ReactNode;
  if (values.view === "board") {
    // Each column shows its newest leads; the list view pages through the rest.
    const pages = await Promise.all(LEAD_STATUSES.map((status) => listLeads(db, member, { ...filter, status, cursor: undefined, limit: 50 })));
    const columns = Object.fromEntries(LEAD_STATUSES.map((status, i) => [status, pages[i]!.items])) as Record<LeadStatus, LeadListItem[]>;
    content = <LeadBoard columns={columns} />;
  } else {
    const page = await listLeads(db, member, filter).catch((error: unknown) => {
      // A hand-edited cursor: start over from the first page instead of failing.
      if (error instanceof AppError && error.code === "bad_request:cursor") return listLeads(db, member, { ...filter, cursor: undefined });
      throw error;
    });
    const base = { ...urlFilters, status: values.status };
    content = (
      <>
        <LeadTable items={page.items} />
        <nav className="flex flex-wrap gap-2">
          {values.cursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={`/leads${query(base)}`}>{t("firstPage")}</Link>
            </Button>
          )}
          {page.nextCursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={`/leads${query({ ...base, cursor: page.nextCursor })}`}>{t("nextPage")}</Link>
            </Button>
          )}
        </nav>
      </>
    );
  }

  const viewLink = (view: "list" | "board") => `/leads${query({ ...urlFilters, status: view === "list" ? values.status : undefined, view: view === "board" ? "board" : undefined })}`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <nav aria-label={t("views.label")} className="flex rounded-md border p-0.5">
            {(["list", "board"] as const).map((view) => (
              <Button key={view} asChild size="sm" variant={values.view === view ? "default" : "ghost"}>
                <Link href={viewLink(view)} aria-current={values.view === view ? "page" : undefined}>
                  {t(`views.${view}`)}
                </Link>
              </Button>
            ))}
          </nav>
        }
      />
      <div className="flex min-w-0 flex-col gap-4 p-4 sm:p-6">
        <LeadsLiveRefresh />
        <LeadFilters values={values} sources={sources} members={members} />
        {content}
      </div>
    </>
  );
}
