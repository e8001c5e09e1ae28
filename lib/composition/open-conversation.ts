import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import { changeAssignee, type AssigneeChange } from "@/lib/assignment/change-assignee";
import type { WhatsAppNumber } from "@/lib/whatsapp/phone-number";
import type { Db } from "@/lib/db/client";
import { contacts, conversationEvents, conversations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { conversationVisibility, type ConversationRow } from "@/lib/inbox/access";

export type OpenedConversation = {
  conversation: ConversationRow;
  contactId: string;
  /** The wa_id the contact is stored under (an older spelling of the number when it was known that way). */
  waId: string;
  createdConversation: boolean;
  assignment: AssigneeChange | null;
};

/** Longest contact name we store from the form; WhatsApp profile names are far shorter. */
export const CONTACT_NAME_MAX_LENGTH = 100;

async function findOrCreateContact(tx: Db, workspaceId: string, number: WhatsAppNumber, name: string | null) {
  const existing = await tx
    .select({ id: contacts.id, waId: contacts.waId, profileName: contacts.profileName })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.waId, number.candidates)));
  // Prefer the spelling WhatsApp is likelier to use today: candidates are in that order.
  existing.sort((a, b) => number.candidates.indexOf(a.waId) - number.candidates.indexOf(b.waId));
  const found = existing[0];
  if (found) {
    // The customer's own WhatsApp profile name, when we have it, wins over what an agent typed.
    if (name && !found.profileName) {
      await tx.update(contacts).set({ profileName: name, updatedAt: new Date() }).where(eq(contacts.id, found.id));
    }
    return found;
  }
  // A webhook may store the same customer meanwhile: the unique (workspace, wa_id) decides, then we read the winner.
  await tx.insert(contacts).values({ workspaceId, waId: number.waId, profileName: name }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: contacts.id, waId: contacts.waId, profileName: contacts.profileName })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.waId, number.waId)));
  return row!;
}

/**
 * The conversation a member starts with a phone number, inside the caller's transaction (which then
 * stores the first message): the customer's contact and thread are reused when they exist, under
 * any spelling of the number. A new thread is assigned to the member who started it; an existing
 * one keeps its assignee, or takes the member when it had none, and reopens when it was resolved.
 * A thread the member may not see (another agent's, when chats are restricted to their assignee)
 * is refused as the inbox would.
 */
export async function openConversationWith(
  tx: Db,
  member: Actor,
  input: { number: WhatsAppNumber; name: string | null },
  now: Date,
): Promise<OpenedConversation> {
  const contact = await findOrCreateContact(tx, member.workspaceId, input.number, input.name);
  const byContact = and(eq(conversations.workspaceId, member.workspaceId), eq(conversations.contactId, contact.id));

  const inserted = await tx
    .insert(conversations)
    .values({ workspaceId: member.workspaceId, contactId: contact.id, status: "open", assignedUserId: member.userId, lastMessageAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) {
    await tx.insert(conversationEvents).values({
      workspaceId: member.workspaceId,
      conversationId: inserted[0].id,
      kind: "assigned",
      fromUserId: null,
      toUserId: member.userId,
      actorUserId: member.userId,
    });
    return {
      conversation: inserted[0],
      contactId: contact.id,
      waId: contact.waId,
      createdConversation: true,
      assignment: { conversationId: inserted[0].id, fromUserId: null, toUserId: member.userId },
    };
  }

  const [visible] = await tx
    .select()
    .from(conversations)
    .where(and(byContact, await conversationVisibility(tx, member)))
    .for("update");
  if (!visible) throw new AppError("conflict:conversation", { messageKey: "conversation_of_another_agent" });

  const assignment = visible.assignedUserId
    ? null
    : await changeAssignee(tx, { workspaceId: member.workspaceId, conversationId: visible.id, toUserId: member.userId, actorUserId: member.userId });
  if (visible.status === "resolved") {
    await tx
      .update(conversations)
      .set({ status: "open", resolvedAt: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, visible.id));
    await tx.insert(conversationEvents).values({
      workspaceId: member.workspaceId,
      conversationId: visible.id,
      kind: "reopened",
      actorUserId: member.userId,
    });
  }
  const [current] = await tx.select().from(conversations).where(eq(conversations.id, visible.id));
  return { conversation: current!, contactId: contact.id, waId: contact.waId, createdConversation: false, assignment };
}
