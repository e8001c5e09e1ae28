import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, messages, webhookDeliveries, type DeliveryStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { afterCursor, clampLimit, newestFirst, page, preciseTime } from "@/lib/db/keyset";
import { enqueueJob } from "@/lib/jobs/queue";
import { forwardMessageKind } from "./job-kind";

export type DeliveryListItem = {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** Null once chat cleanup deleted the message. */
  message: { type: string; senderWaId: string | null; senderName: string | null } | null;
};

export type DeliveryPage = { items: DeliveryListItem[]; nextCursor: string | null };

/** The workspace's deliveries, newest first, a page at a time (keyset on created_at, id), optionally of one status. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  filter: { status?: DeliveryStatus; cursor?: string; limit?: number } = {},
): Promise<DeliveryPage> {
  const limit = clampLimit(filter.limit, 25);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      cursorAt: preciseTime(webhookDeliveries.createdAt),
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      messageType: messages.type,
      senderWaId: contacts.waId,
      senderName: contacts.profileName,
    })
    .from(webhookDeliveries)
    .leftJoin(messages, eq(messages.id, webhookDeliveries.messageId))
    .leftJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        afterCursor(webhookDeliveries.createdAt, webhookDeliveries.id, filter.cursor),
      ),
    )
    .orderBy(...newestFirst(webhookDeliveries.createdAt, webhookDeliveries.id))
    .limit(limit + 1);
  return page(rows, limit, (row) => ({
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    message: row.messageType ? { type: row.messageType, senderWaId: row.senderWaId, senderName: row.senderName } : null,
  }));
}

/**
 * "Retry now" on a failed delivery: back to pending with a new job due at
 * once, which again retries for 24 hours. The row is locked and its status
 * checked in the same transaction, so two admins clicking together (or a
 * double click) enqueue one job, and a delivery that is not failed (already
 * pending or retrying) gets no second job racing the first.
 */
export async function retryDelivery(db: Db, workspaceId: string, deliveryId: string, now: Date = new Date()): Promise<void> {
  if (!isUuid(deliveryId)) throw new AppError("not_found:delivery");
  await db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, workspaceId)))
      .for("update");
    if (!delivery) throw new AppError("not_found:delivery");
    if (delivery.status !== "failed") throw new AppError("conflict:delivery", { messageKey: "delivery_not_retryable" });
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: now, updatedAt: now })
      .where(eq(webhookDeliveries.id, deliveryId));
    await enqueueJob(tx, { workspaceId, kind: forwardMessageKind, payload: { deliveryId }, runAt: now });
  });
}
