import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messages } from "@/lib/db/schema";
import { describeError, type StatusUpdate } from "@/lib/whatsapp/webhook-payload";

/**
 * How far along delivery is. Meta may deliver receipts out of order, so a
 * status only moves forward: "delivered" after "read" is ignored, and
 * "failed" can replace pending, sent or delivered but never undo a read.
 */
const CURRENT_RANK = sql`case ${messages.status}
  when 'pending' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 3 else 99 end`;
const NEW_RANK: Record<StatusUpdate["status"], number> = { sent: 1, delivered: 2, read: 3, failed: 3 };

export async function applyStatus(db: Db, workspaceId: string, status: StatusUpdate) {
  const error = status.status === "failed" ? (describeError(status.errors?.[0]) ?? {}) : undefined;
  const [updated] = await db
    .update(messages)
    .set({ status: status.status, ...(error ? { error } : {}), updatedAt: new Date() })
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.wamid, status.id),
        eq(messages.direction, "outbound"),
        sql`${CURRENT_RANK} < ${NEW_RANK[status.status]}`,
      ),
    )
    .returning({
      messageId: messages.id,
      conversationId: messages.conversationId,
      status: messages.status,
      assigneeId: sql<string | null>`(select assigned_user_id from conversations where conversations.id = ${messages.conversationId})`,
    });
  return updated ?? null;
}
