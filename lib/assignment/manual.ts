import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { contacts, conversationEvents, memberships, users, type Availability, type Role } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findVisibleConversation, type ConversationRow } from "@/lib/inbox/access";
import { getConversationDetail } from "@/lib/inbox/queries";
import type { ConversationDetail } from "@/lib/inbox/types";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { changeAssignee } from "./change-assignee";

/** One assignment change as the chat's history panel shows it; `by` null means the automatic assignment. */
export type AssignmentHistoryEntry = {
  kind: "assigned" | "unassigned";
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  by: { id: string; name: string } | null;
  at: string;
};

export type AssignableMember = { userId: string; name: string; role: Role; availability: Availability };

/**
 * Who may move a conversation where: admins anything; an agent may take an
 * unassigned chat for themselves, and hand a chat of their own to a colleague
 * or back to nobody. Another person's chat is not an agent's to move.
 */
function assertMayAssign(member: Actor, current: ConversationRow, toUserId: string | null): void {
  if (member.role === "admin") return;
  const takesUnassigned = current.assignedUserId === null && toUserId === member.userId;
  const handsOwn = current.assignedUserId === member.userId;
  if (!takesUnassigned && !handsOwn) throw new AppError("forbidden:assignment", { messageKey: "assignment_forbidden" });
}

/**
 * A manual assignment change by a member. Returns the conversation as the
 * member now sees it, or null when the handoff took it out of their sight
 * (agents restricted to their own chats), and the events to publish.
 */
export async function assignConversation(
  db: Db,
  member: Actor,
  input: { conversationId: string; toUserId: string | null },
): Promise<{ detail: ConversationDetail | null; events: RealtimeEvent[] }> {
  // The rule reads the assignee under the same row lock the change takes, so
  // an agent cannot "take an unassigned chat" that someone else assigned a
  // moment earlier (both would otherwise pass the check, and the later write win).
  const { change, contactName } = await db.transaction(async (tx) => {
    const current = await findVisibleConversation(tx, member, input.conversationId, { forUpdate: true });
    assertMayAssign(member, current, input.toUserId);
    const change = await changeAssignee(tx, {
      workspaceId: member.workspaceId,
      conversationId: current.id,
      toUserId: input.toUserId,
      actorUserId: member.userId,
    });
    const [contact] = await tx
      .select({ name: contacts.profileName, waId: contacts.waId })
      .from(contacts)
      .where(and(eq(contacts.id, current.contactId), eq(contacts.workspaceId, member.workspaceId)));
    return { change, contactName: contact?.name?.trim() || (contact ? `+${contact.waId}` : "") };
  });

  const events: RealtimeEvent[] = [];
  if (change) {
    // The one who lost the chat hears of it too, so their open list drops it.
    const audience = await conversationAudience(db, member.workspaceId, change.toUserId, change.fromUserId);
    events.push(
      ...eventsFor(audience, "conversation.updated", { conversationId: change.conversationId }),
      ...(change.toUserId
        ? [
            event(userChannel(change.toUserId), "conversation.assigned", {
              conversationId: change.conversationId,
              toUserId: change.toUserId,
              byUserId: member.userId,
              contactName,
            }),
          ]
        : []),
    );
  }

  try {
    return { detail: await getConversationDetail(db, member, input.conversationId), events };
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") return { detail: null, events };
    throw error;
  }
}

const fromUser = alias(users, "from_user");
const toUser = alias(users, "to_user");
const byUser = alias(users, "by_user");

function person(id: string | null, name: string | null): { id: string; name: string } | null {
  return id && name !== null ? { id, name } : null;
}

/** A conversation's assignment changes, newest first. */
export async function listAssignmentHistory(db: Db, member: Actor, conversationId: string): Promise<AssignmentHistoryEntry[]> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const rows = await db
    .select({
      kind: conversationEvents.kind,
      fromId: conversationEvents.fromUserId,
      fromName: fromUser.name,
      toId: conversationEvents.toUserId,
      toName: toUser.name,
      byId: conversationEvents.actorUserId,
      byName: byUser.name,
      at: conversationEvents.createdAt,
    })
    .from(conversationEvents)
    .leftJoin(fromUser, eq(fromUser.id, conversationEvents.fromUserId))
    .leftJoin(toUser, eq(toUser.id, conversationEvents.toUserId))
    .leftJoin(byUser, eq(byUser.id, conversationEvents.actorUserId))
    .where(
      and(
        eq(conversationEvents.conversationId, conversation.id),
        eq(conversationEvents.workspaceId, conversation.workspaceId),
        inArray(conversationEvents.kind, ["assigned", "unassigned"]),
      ),
    )
    .orderBy(desc(conversationEvents.createdAt), desc(conversationEvents.id));
  return rows.map((row) => ({
    kind: row.kind === "unassigned" ? "unassigned" : "assigned",
    from: person(row.fromId, row.fromName),
    to: person(row.toId, row.toName),
    by: person(row.byId, row.byName),
    at: row.at.toISOString(),
  }));
}

/** The active members of the member's workspace, the people a chat can go to. */
export async function listAssignableMembers(db: Db, member: Actor): Promise<AssignableMember[]> {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, availability: memberships.availability })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, member.workspaceId), eq(memberships.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}
