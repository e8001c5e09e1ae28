import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { contacts, leadEvents, leadSources, leads, memberships, type LeadEventKind } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { eventsFor, leadAudience } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { fieldRefs } from "@/lib/validation";
import { assertMayEditLead, findVisibleLead, type LeadRow } from "./access";
import { leadPatchSchema, type LeadPatch, type LeadPatchInput } from "./patch";

type Change = { kind: LeadEventKind; from: string | null; to: string | null };

const tagsText = (tags: string[]) => (tags.length ? JSON.stringify(tags) : null);

async function assertActiveSource(db: Db, workspaceId: string, sourceId: string) {
  const [row] = await db
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId), isNull(leadSources.archivedAt)));
  if (!row) throw new FieldErrors({ sourceId: { key: "invalid_option" } });
}

async function mayReassignLeads(db: Db, member: Actor): Promise<boolean> {
  const [row] = await db
    .select({ allowed: memberships.canReassignLeads })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, member.workspaceId), eq(memberships.userId, member.userId), eq(memberships.active, true)));
  return row?.allowed ?? false;
}

async function assertActiveMember(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId), eq(memberships.active, true)));
  if (!row) throw new FieldErrors({ assigneeUserId: { key: "invalid_option" } });
}

/** What the patch changes, field by field, after the checks that need the database. */
async function plan(
  db: Db,
  member: Actor,
  lead: LeadRow,
  patch: LeadPatch,
  mayReassign: boolean,
): Promise<{ set: Partial<LeadRow>; changes: Change[] }> {
  const set: Partial<LeadRow> = {};
  const changes: Change[] = [];
  const change = <K extends keyof LeadRow>(key: K, kind: LeadEventKind, next: LeadRow[K], text: (v: LeadRow[K]) => string | null) => {
    if (text(lead[key]) === text(next)) return;
    set[key] = next;
    changes.push({ kind, from: text(lead[key]), to: text(next) });
  };
  const plain = (v: string | null) => v;

  const status = patch.status ?? lead.status;
  // An outcome says how a closed lead ended; any other status has none.
  if (status !== "closed" && patch.outcome) throw new FieldErrors({ outcome: { key: "lead_outcome_needs_closed" } });
  const outcome = status === "closed" ? (patch.outcome !== undefined ? patch.outcome : lead.outcome) : null;
  change("status", "status", status, plain);
  change("outcome", "outcome", outcome, plain);

  if (patch.sourceId !== undefined && patch.sourceId !== lead.sourceId) {
    await assertActiveSource(db, member.workspaceId, patch.sourceId);
    change("sourceId", "source", patch.sourceId, plain);
  }
  if (patch.assigneeUserId !== undefined && patch.assigneeUserId !== lead.assignedUserId) {
    // Handing leads around is an admin's call, or an agent's an admin allowed on the team screen.
    if (!mayReassign) throw new AppError("forbidden:lead", { messageKey: "lead_reassign_forbidden" });
    if (patch.assigneeUserId) await assertActiveMember(db, member.workspaceId, patch.assigneeUserId);
    change("assignedUserId", "assignee", patch.assigneeUserId, plain);
  }
  if (patch.value !== undefined) change("value", "value", patch.value, plain);
  if (patch.notes !== undefined) change("notes", "notes", patch.notes, plain);
  if (patch.tags !== undefined) change("tags", "tags", patch.tags, tagsText);
  return { set, changes };
}

export type LeadUpdateResult = { changed: LeadEventKind[]; events: RealtimeEvent[] };

/** Applies a member's edit to a lead, recording one timeline event per changed field. */
export async function updateLead(db: Db, member: Actor, leadId: string, input: LeadPatchInput): Promise<LeadUpdateResult> {
  const parsed = leadPatchSchema.safeParse(input);
  if (!parsed.success) throw new FieldErrors(fieldRefs(parsed.error));

  // The row lock makes the checks and the "from" values of the events read the
  // lead as it is when written: two members saving at once would otherwise both
  // record the same "from", and an agent could edit a lead an admin had just
  // handed to someone else.
  const result = await db.transaction(async (tx) => {
    const lead = await findVisibleLead(tx, member, leadId, { forUpdate: true });
    const mayReassign = member.role === "admin" || (await mayReassignLeads(tx, member));
    // An agent allowed to reassign may hand over a lead they can see but not edit; any other change needs edit rights.
    const onlyReassigns = Object.entries(parsed.data).every(([key, value]) => key === "assigneeUserId" || value === undefined);
    if (!(onlyReassigns && mayReassign)) assertMayEditLead(member, lead);
    const { set, changes } = await plan(tx, member, lead, parsed.data, mayReassign);
    if (changes.length === 0) return { lead, changes };
    await tx
      .update(leads)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(leads.id, lead.id), eq(leads.workspaceId, member.workspaceId)));
    await tx.insert(leadEvents).values(
      changes.map((c) => ({ workspaceId: member.workspaceId, leadId: lead.id, kind: c.kind, fromValue: c.from, toValue: c.to, actorUserId: member.userId })),
    );
    return { lead, changes };
  });

  const { lead, changes } = result;
  const events: RealtimeEvent[] = [];
  if (changes.length > 0) {
    const handover = changes.find((c) => c.kind === "assignee");
    const assigned = handover?.to ?? null;
    // `lead` is the row as it was before the edit: on a handover its assignee is the one who lost it.
    const audience = await leadAudience(db, member.workspaceId, handover ? assigned : lead.assignedUserId, lead.assignedUserId);
    events.push(
      ...eventsFor(audience, "lead.updated", { leadId: lead.id }),
      ...(assigned
        ? [event(userChannel(assigned), "lead.assigned", { leadId: lead.id, toUserId: assigned, contactName: await contactName(db, member.workspaceId, lead.contactId) })]
        : []),
    );
  }
  return { changed: changes.map((c) => c.kind), events };
}

export async function contactName(db: Db, workspaceId: string, contactId: string): Promise<string> {
  const [contact] = await db
    .select({ name: contacts.profileName, waId: contacts.waId })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)));
  return contact?.name?.trim() || (contact ? `+${contact.waId}` : "");
}
