import "server-only";
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { contacts, leadEvents, leadSources, leads, users, type LeadStatus } from "@/lib/db/schema";
import { isUuid } from "@/lib/validation";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import { afterCursor, clampLimit, newestFirst, page, preciseTime } from "@/lib/db/keyset";
import { findVisibleLead, leadVisibility, mayEditLead } from "./access";
import type { LeadDetail, LeadListItem, LeadOutcome, LeadPage, LeadTimelineEntry } from "./types";

export type LeadFilter = {
  status?: LeadStatus;
  sourceId?: string;
  /** A member's id, or "none" for leads without an assignee. */
  assigneeUserId?: string;
  tag?: string;
  /** Calendar days, YYYY-MM-DD, both inclusive. */
  createdFrom?: string;
  createdTo?: string;
  /** The days start at midnight in this zone, as in the reports: the workspace's (`member.timeZone`). */
  timeZone?: string;
  search?: string;
  cursor?: string;
  limit?: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (!text) return undefined;
  const digits = text.replace(/\D/g, "");
  return or(
    ilike(contacts.profileName, `%${escapeLike(text)}%`),
    digits.length >= 3 ? sql`${contacts.waId} like ${`%${digits}%`}` : undefined,
  );
}

/** A filter naming something that cannot exist (a malformed id) matches nothing rather than failing. */
const NOTHING = sql`false`;

function filterConditions(filter: LeadFilter): (SQL | undefined)[] {
  const { sourceId, assigneeUserId, tag, createdFrom, createdTo } = filter;
  const zone = filter.timeZone ?? DEFAULT_TIME_ZONE;
  return [
    filter.status ? eq(leads.status, filter.status) : undefined,
    sourceId ? (isUuid(sourceId) ? eq(leads.sourceId, sourceId) : NOTHING) : undefined,
    assigneeUserId === "none"
      ? isNull(leads.assignedUserId)
      : assigneeUserId
        ? isUuid(assigneeUserId) ? eq(leads.assignedUserId, assigneeUserId) : NOTHING
        : undefined,
    tag?.trim() ? sql`${leads.tags} @> array[${tag.trim()}]::text[]` : undefined,
    createdFrom && DAY.test(createdFrom)
      ? sql`${leads.createdAt} >= (${createdFrom}::date)::timestamp at time zone ${zone}`
      : undefined,
    createdTo && DAY.test(createdTo)
      ? sql`${leads.createdAt} < ((${createdTo}::date + 1)::timestamp at time zone ${zone})`
      : undefined,
    filter.search ? searchCondition(filter.search) : undefined,
  ];
}

const listColumns = {
  id: leads.id,
  status: leads.status,
  outcome: leads.outcome,
  value: leads.value,
  tags: leads.tags,
  createdAt: leads.createdAt,
  conversationId: leads.conversationId,
  contactId: contacts.id,
  contactWaId: contacts.waId,
  contactName: contacts.profileName,
  sourceId: leadSources.id,
  sourceName: leadSources.name,
  sourceSystemKey: leadSources.systemKey,
  assigneeId: leads.assignedUserId,
  assigneeName: users.name,
};

type Row = {
  id: string;
  status: LeadStatus;
  outcome: LeadOutcome | null;
  value: string | null;
  tags: string[];
  createdAt: Date;
  conversationId: string | null;
  contactId: string;
  contactWaId: string;
  contactName: string | null;
  sourceId: string | null;
  sourceName: string | null;
  sourceSystemKey: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

function toItem(member: Actor, row: Row): LeadListItem {
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    value: row.value,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    contact: { id: row.contactId, waId: row.contactWaId, name: row.contactName },
    conversationId: row.conversationId,
    source: row.sourceId && row.sourceName !== null ? { id: row.sourceId, name: row.sourceName, systemKey: row.sourceSystemKey } : null,
    assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    mayEdit: mayEditLead(member, { assignedUserId: row.assigneeId }),
  };
}

function baseQuery(db: Db, extra: Record<string, SQL> = {}) {
  return db
    .select({ ...listColumns, ...extra })
    .from(leads)
    .innerJoin(contacts, and(eq(contacts.id, leads.contactId), eq(contacts.workspaceId, leads.workspaceId)))
    .leftJoin(leadSources, and(eq(leadSources.id, leads.sourceId), eq(leadSources.workspaceId, leads.workspaceId)))
    .leftJoin(users, eq(users.id, leads.assignedUserId));
}

/** The leads the member may see, newest first, keyset-paged by (created_at, id). */
export async function listLeads(db: Db, member: Actor, filter: LeadFilter = {}): Promise<LeadPage> {
  const limit = clampLimit(filter.limit, 50);
  const rows = await baseQuery(db, { cursorAt: preciseTime(leads.createdAt) })
    .where(and(await leadVisibility(db, member), ...filterConditions(filter), afterCursor(leads.createdAt, leads.id, filter.cursor)))
    .orderBy(...newestFirst(leads.createdAt, leads.id))
    .limit(limit + 1);
  return page(rows as (Row & { cursorAt: string })[], limit, (row) => toItem(member, row));
}

const actors = alias(users, "actor");

/** One lead with its timeline (oldest first); `not_found:lead` when the member may not see it. */
export async function getLeadDetail(db: Db, member: Actor, leadId: string): Promise<LeadDetail> {
  const lead = await findVisibleLead(db, member, leadId);
  const [row] = await baseQuery(db).where(and(eq(leads.id, lead.id), eq(leads.workspaceId, member.workspaceId)));
  const events = await db
    .select({
      id: leadEvents.id,
      kind: leadEvents.kind,
      from: leadEvents.fromValue,
      to: leadEvents.toValue,
      actorId: leadEvents.actorUserId,
      actorName: actors.name,
      at: leadEvents.createdAt,
    })
    .from(leadEvents)
    .leftJoin(actors, eq(actors.id, leadEvents.actorUserId))
    .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.workspaceId, member.workspaceId)))
    .orderBy(asc(leadEvents.createdAt), asc(leadEvents.id));
  const names = await referencedNames(db, member.workspaceId, events);
  const timeline: LeadTimelineEntry[] = events.map((e) => {
    const name = (value: string | null) => (value && (e.kind === "source" || e.kind === "assignee") ? (names.get(value) ?? null) : value);
    return {
      id: e.id,
      kind: e.kind,
      from: name(e.from),
      to: name(e.to),
      actor: e.actorId && e.actorName !== null ? { id: e.actorId, name: e.actorName } : null,
      at: e.at.toISOString(),
    };
  });
  // Leads made by auto lead inside the webhook's statement have no "created" row: the lead's own date stands in.
  if (!timeline.some((e) => e.kind === "created")) {
    timeline.unshift({ id: `created-${lead.id}`, kind: "created", from: null, to: null, actor: null, at: lead.createdAt.toISOString() });
  }
  const item = toItem(member, row as Row);
  return { ...item, notes: lead.notes, adHeadline: lead.adHeadline, events: timeline };
}

/** Names of the sources and people the timeline's ids point at, as they are called today. */
async function referencedNames(db: Db, workspaceId: string, events: { kind: string; from: string | null; to: string | null }[]) {
  const ids = (kind: string) => [...new Set(events.filter((e) => e.kind === kind).flatMap((e) => [e.from, e.to]).filter((v): v is string => !!v && isUuid(v)))];
  const sourceIds = ids("source");
  const userIds = ids("assignee");
  const [sources, people] = await Promise.all([
    sourceIds.length
      ? db.select({ id: leadSources.id, name: leadSources.name, key: leadSources.systemKey }).from(leadSources).where(and(eq(leadSources.workspaceId, workspaceId), inArray(leadSources.id, sourceIds)))
      : [],
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
  ]);
  return new Map<string, string>([...sources.map((s) => [s.id, s.key ? `system:${s.key}` : s.name] as const), ...people.map((p) => [p.id, p.name] as const)]);
}
