import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executePrepared } from "@/lib/db/prepared";
import { describeError, type StatusUpdate } from "@/lib/whatsapp/webhook-payload";

/**
 * How far along delivery is. Meta may deliver receipts out of order, so a
 * status only moves forward: "delivered" after "read" is ignored, and
 * "failed" can replace pending, sent or delivered but never undo a read.
 */
const CURRENT_RANK = sql`case status
  when 'pending' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 3 else 99 end`;
const NEW_RANK: Record<StatusUpdate["status"], number> = { sent: 1, delivered: 2, read: 3, failed: 3 };

type UpdatedRow = { message_id: string; conversation_id: string; status: string; assignee_id: string | null };

/**
 * One statement text for every status (a prepared statement on the webhook's
 * hot path, like the message's own): the error is only written by "failed".
 */
export async function applyStatus(db: Db, workspaceId: string, status: StatusUpdate) {
  const error = status.status === "failed" ? (describeError(status.errors?.[0]) ?? {}) : null;
  const [updated] = await executePrepared<UpdatedRow>(
    db,
    sql`update messages
        set status = ${status.status}::message_status, error = coalesce(${error === null ? null : JSON.stringify(error)}::jsonb, error),
            updated_at = ${new Date().toISOString()}::timestamptz
        where workspace_id = ${workspaceId} and wamid = ${status.id} and direction = 'outbound' and ${CURRENT_RANK} < ${NEW_RANK[status.status]}
        returning id as message_id, conversation_id, status,
                  (select assigned_user_id from conversations where conversations.id = messages.conversation_id) as assignee_id`,
  );
  if (!updated) return null;
  return { messageId: updated.message_id, conversationId: updated.conversation_id, status: updated.status, assigneeId: updated.assignee_id };
}
