import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversationEvents, conversations, type ConversationStatus } from "@/lib/db/schema";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { findVisibleConversation, type Viewer } from "./access";
import { getConversationDetail } from "./queries";
import type { ConversationDetail } from "./types";

/** Resolves or reopens a conversation; resolved_at records when it was resolved, conversation_events who did it. */
export async function setConversationStatus(
  db: Db,
  member: Viewer,
  conversationId: string,
  status: ConversationStatus,
): Promise<{ detail: ConversationDetail; events: RealtimeEvent[] }> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const now = new Date();
  // The change and its history row (read by the agent performance report) commit together. Two people
  // resolving at once: the second update waits for the first's row lock, then matches no row (the
  // status already changed), so only one resolution is recorded.
  const changed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(conversations)
      .set({ status, resolvedAt: status === "resolved" ? now : null, updatedAt: now })
      .where(and(eq(conversations.id, conversation.id), ne(conversations.status, status)))
      .returning({ id: conversations.id });
    if (rows.length > 0) {
      await tx.insert(conversationEvents).values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        kind: status === "resolved" ? "resolved" : "reopened",
        actorUserId: member.userId,
        createdAt: now,
      });
    }
    return rows;
  });
  const events =
    changed.length > 0
      ? eventsFor(await conversationAudience(db, conversation.workspaceId, conversation.assignedUserId), "conversation.updated", { conversationId: conversation.id })
      : [];
  return { detail: await getConversationDetail(db, member, conversation.id), events };
}
