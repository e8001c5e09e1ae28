import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { leads } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";

/**
 * The one place that decides which leads a member may see and change. Lists,
 * the detail page and every action go through it, so a forged or foreign id
 * answers `not_found:lead` everywhere alike.
 *
 * Seeing follows the support-agent setting that restricts chats: when agents
 * see only their own chats, they see only their own leads too (a lead shows
 * the customer's name and number, the same as the chat). Changing is narrower:
 * an agent changes only the leads assigned to them, even when they may see all.
 */

export type LeadRow = typeof leads.$inferSelect;

export async function leadVisibility(db: Db, member: Actor): Promise<SQL> {
  const sameWorkspace = eq(leads.workspaceId, member.workspaceId);
  if (member.role === "admin") return sameWorkspace;
  const { restrictToAssigned } = await getSettings(db, member.workspaceId, supportAgentSection);
  return restrictToAssigned ? and(sameWorkspace, eq(leads.assignedUserId, member.userId))! : sameWorkspace;
}

/** The lead when the member may see it, else `not_found:lead`; `forUpdate` locks the row for the caller's transaction. */
export async function findVisibleLead(db: Db, member: Actor, leadId: string, options: { forUpdate?: boolean } = {}): Promise<LeadRow> {
  if (!isUuid(leadId)) throw new AppError("not_found:lead");
  const query = db
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), await leadVisibility(db, member)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found:lead");
  return row;
}

export function mayEditLead(member: Actor, lead: Pick<LeadRow, "assignedUserId">): boolean {
  return member.role === "admin" || lead.assignedUserId === member.userId;
}

export function assertMayEditLead(member: Actor, lead: LeadRow): void {
  if (!mayEditLead(member, lead)) throw new AppError("forbidden:lead");
}
