import { and, eq, inArray, lt, notExists, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { cleanupRuns, conversations, messages } from "@/lib/db/schema";
import { claimRun, finishRun, type CleanupTrigger } from "./runs";

/** Rows per statement: small enough that each batch is a short transaction the webhook never waits long behind. */
export const DEFAULT_BATCH_SIZE = 5_000;

export type CleanupOptions = {
  workspaceId: string;
  trigger: CleanupTrigger;
  triggeredBy: string | null;
  /** The clock: the cutoff is `now` minus the saved number of days. */
  now: Date;
  /** Stop after the batch that crosses this many milliseconds; the next run continues. */
  budgetMs: number;
  batchSize?: number;
};

export type CleanupDone = {
  status: "completed" | "partial";
  runId: string;
  cutoff: Date;
  messagesDeleted: number;
  conversationsDeleted: number;
  durationMs: number;
};

/** `busy`: another run is cleaning the workspace; `disabled`: a scheduled run found cleanup switched off. */
export type CleanupResult = CleanupDone | { status: "busy" } | { status: "disabled" };

type Progress = { workspaceId: string; runId: string; cutoff: Date; size: number; elapsed: () => number };

/**
 * Deletes the next batch of the workspace's messages sent before the cutoff,
 * oldest first, and adds the count to the run in the same statement (so a
 * run killed between batches still reports exactly what it deleted).
 * `from` is where the previous batch ended: starting there skips the index
 * entries of rows already deleted, which vacuum has not removed yet.
 */
async function deleteMessageBatch(db: Db, p: Progress, from: string | null) {
  const [row] = rowsOf<{ selected: number; deleted: number; last: string | null }>(
    await db.execute(sql`
      with doomed as (
        select id, sent_at from messages
        where workspace_id = ${p.workspaceId} and sent_at < ${p.cutoff.toISOString()}::timestamptz
          ${from ? sql`and sent_at >= ${from}::timestamptz` : sql``}
        order by sent_at
        limit ${p.size}
      ),
      -- By primary key from an array: joining doomed instead lets the planner scan the whole table per batch.
      deleted as (
        delete from messages m
        where m.id = any(array(select id from doomed)) and m.workspace_id = ${p.workspaceId}
        returning m.id
      ),
      progress as (
        update cleanup_runs
        set messages_deleted = messages_deleted + (select count(*) from deleted), duration_ms = ${p.elapsed()}
        where id = ${p.runId} and workspace_id = ${p.workspaceId}
      )
      select (select count(*) from doomed)::int as selected, (select count(*) from deleted)::int as deleted,
             (select max(sent_at) from doomed)::text as last`),
  );
  return { selected: row?.selected ?? 0, deleted: row?.deleted ?? 0, last: row?.last ?? null };
}

/**
 * Deletes the next batch of the workspace's conversations left without
 * messages and quiet since the cutoff. An empty conversation with recent
 * activity is not history, so it stays.
 *
 * The webhook stores a message into an existing conversation in one
 * statement without a transaction. A single `DELETE ... WHERE NOT EXISTS
 * (messages)` that waited on that statement's row lock would re-check the
 * row with its own older snapshot, miss the new message, delete the
 * conversation and cascade the fresh message away. So the candidates are
 * locked first, skipping any a webhook is writing (SKIP LOCKED), and the
 * delete re-checks emptiness in a new statement, whose snapshot sees every
 * message committed before the lock. While the lock is held, a new message
 * cannot commit into these rows (its foreign-key check waits); once the row
 * is gone the webhook's upsert creates the conversation afresh.
 */
async function deleteEmptyConversationBatch(db: Db, p: Progress) {
  return db.transaction(async (tx) => {
    const candidates = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select c.id from conversations c
        where c.workspace_id = ${p.workspaceId} and c.last_message_at < ${p.cutoff.toISOString()}::timestamptz
          and not exists (select 1 from messages m where m.conversation_id = c.id)
        order by c.last_message_at
        limit ${p.size}
        for update skip locked`),
    );
    if (candidates.length === 0) return { selected: 0, deleted: 0 };
    const deleted = await tx
      .delete(conversations)
      .where(
        and(
          eq(conversations.workspaceId, p.workspaceId),
          inArray(conversations.id, candidates.map((c) => c.id)),
          lt(conversations.lastMessageAt, p.cutoff),
          notExists(tx.select({ one: sql`1` }).from(messages).where(eq(messages.conversationId, conversations.id))),
        ),
      )
      .returning({ id: conversations.id });
    await tx
      .update(cleanupRuns)
      .set({ conversationsDeleted: sql`${cleanupRuns.conversationsDeleted} + ${deleted.length}`, durationMs: p.elapsed() })
      .where(and(eq(cleanupRuns.id, p.runId), eq(cleanupRuns.workspaceId, p.workspaceId)));
    return { selected: candidates.length, deleted: deleted.length };
  });
}

/**
 * One cleanup run for one workspace: old messages in batches, then the
 * conversations they leave empty, recorded in `cleanup_runs`. Contacts and
 * leads stay (a lead only loses its link to a deleted conversation).
 *
 * The budget is checked after each full batch, so every run makes progress
 * and overruns by one batch at most; a run that stops early is `partial` and
 * the next run continues where it stopped. A manual run ignores the
 * schedule switch: an admin asked for it.
 */
export async function runCleanup(db: Db, options: CleanupOptions): Promise<CleanupResult> {
  const started = performance.now();
  const claim = await claimRun(db, options);
  if (claim.status !== "claimed") return claim;

  const elapsed = () => Math.round(performance.now() - started);
  const p: Progress = { workspaceId: options.workspaceId, runId: claim.runId, cutoff: claim.cutoff, size: options.batchSize ?? DEFAULT_BATCH_SIZE, elapsed };
  const outOfTime = () => elapsed() >= options.budgetMs;
  let messagesDeleted = 0;
  let conversationsDeleted = 0;
  let status: "completed" | "partial" = "completed";
  try {
    for (let from: string | null = null; ; ) {
      const batch = await deleteMessageBatch(db, p, from);
      messagesDeleted += batch.deleted;
      from = batch.last ?? from;
      if (batch.selected < p.size) break;
      if (outOfTime()) {
        status = "partial";
        break;
      }
    }
    while (status === "completed") {
      const batch = await deleteEmptyConversationBatch(db, p);
      conversationsDeleted += batch.deleted;
      if (batch.selected < p.size) break;
      if (outOfTime()) status = "partial";
    }
  } catch (error) {
    // What the committed batches deleted stays deleted and counted; the run is closed so the next one may start.
    await finishRun(db, options.workspaceId, claim.runId, { status: "partial", durationMs: elapsed(), finishedAt: new Date(options.now.getTime() + elapsed()) }).catch(() => {});
    throw error;
  }
  const durationMs = elapsed();
  await finishRun(db, options.workspaceId, claim.runId, { status, durationMs, finishedAt: new Date(options.now.getTime() + durationMs) });
  return { status, runId: claim.runId, cutoff: claim.cutoff, messagesDeleted, conversationsDeleted, durationMs };
}
