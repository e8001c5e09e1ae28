import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversationEvents, conversations, memberships } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export type AssigneeChange = { conversationId: string; fromUserId: string | null; toUserId: string | null };

/**
 * Sets a conversation's assignee and records the change (from, to, by whom;
 * `actorUserId` null = automatic) in one transaction. The conversation row is
 * locked first so two people reassigning at once each record what they
 * really replaced. The new assignee must be an active member of the same
 * workspace. Returns null when nothing changed.
 */
export async function changeAssignee(
  db: Db,
  input: { workspaceId: string; conversationId: string; toUserId: string | null; actorUserId: string | null },
): Promise<AssigneeChange | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ assignedUserId: conversations.assignedUserId })
      .from(conversations)
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, input.workspaceId)))
      .for("update");
    if (!current) throw new AppError("not_found:conversation");
    if (input.toUserId) {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, input.toUserId), eq(memberships.active, true)));
      if (!member) throw new AppError("not_found:member");
    }
    if (current.assignedUserId === input.toUserId) return null;
    await tx
      .update(conversations)
      .set({ assignedUserId: input.toUserId, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.conversationId));
    await tx.insert(conversationEvents).values({
      workspaceId: input.workspaceId,
      conversationId: input.conversationId,
      kind: input.toUserId ? "assigned" : "unassigned",
      fromUserId: current.assignedUserId,
      toUserId: input.toUserId,
      actorUserId: input.actorUserId,
    });
    return { conversationId: input.conversationId, fromUserId: current.assignedUserId, toUserId: input.toUserId };
  });
}
