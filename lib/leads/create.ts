import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { leadEvents, leadSources, leads } from "@/lib/db/schema";
import { findVisibleConversation } from "@/lib/inbox/access";
import { eventsFor, leadAudience } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { contactName } from "./update";

export type CreateLeadResult = { leadId: string; created: boolean; events: RealtimeEvent[] };

/**
 * Turns a chat into a lead by hand (for workspaces with auto lead off): status
 * New, source WhatsApp, the chat's assignee. One lead per contact: when the
 * contact already has one, nothing is written and its id comes back with
 * `created: false`, so the caller can open it instead.
 */
export async function createLeadFromConversation(db: Db, member: Actor, conversationId: string): Promise<CreateLeadResult> {
  // ON CONFLICT on the (workspace, contact) unique index settles two members clicking at once: one insert wins, the other reads it.
  const result = await db.transaction(async (tx) => {
    const conversation = await findVisibleConversation(tx, member, conversationId);
    const [whatsapp] = await tx
      .select({ id: leadSources.id })
      .from(leadSources)
      .where(and(eq(leadSources.workspaceId, member.workspaceId), eq(leadSources.systemKey, "whatsapp"), isNull(leadSources.archivedAt)));
    const [inserted] = await tx
      .insert(leads)
      .values({
        workspaceId: member.workspaceId,
        contactId: conversation.contactId,
        conversationId: conversation.id,
        sourceId: whatsapp?.id ?? null,
        assignedUserId: conversation.assignedUserId,
      })
      .onConflictDoNothing({ target: [leads.workspaceId, leads.contactId] })
      .returning({ id: leads.id, assignedUserId: leads.assignedUserId, contactId: leads.contactId });
    if (!inserted) {
      const [existing] = await tx
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.workspaceId, member.workspaceId), eq(leads.contactId, conversation.contactId)));
      return { leadId: existing!.id, created: false, lead: null };
    }
    await tx.insert(leadEvents).values({ workspaceId: member.workspaceId, leadId: inserted.id, kind: "created", actorUserId: member.userId });
    return { leadId: inserted.id, created: true, lead: inserted };
  });

  const events: RealtimeEvent[] = [];
  if (result.lead) {
    const { lead } = result;
    events.push(
      ...eventsFor(await leadAudience(db, member.workspaceId, lead.assignedUserId), "lead.updated", { leadId: lead.id }),
      ...(lead.assignedUserId && lead.assignedUserId !== member.userId
        ? [event(userChannel(lead.assignedUserId), "lead.assigned", { leadId: lead.id, toUserId: lead.assignedUserId, contactName: await contactName(db, member.workspaceId, lead.contactId) })]
        : []),
    );
  }
  return { leadId: result.leadId, created: result.created, events };
}
