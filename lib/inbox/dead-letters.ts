import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { pgErrorCode } from "@/lib/db/errors";
import { webhookDeadLetters } from "@/lib/db/schema";
import { stringifyJson } from "@/lib/whatsapp/sanitize";
import { isUuid } from "@/lib/validation";
import { afterCursor, clampLimit, newestFirst, page, preciseTime } from "@/lib/db/keyset";

/**
 * Dead letters: what a signed, readable webhook delivery carried that could
 * not be stored as it came, kept whole (the JSON text as Meta sent it) with a
 * stable reason code (lib/inbox/dead-letter-reasons.ts), for admins to see.
 * A delivery is answered 200 once everything storable in it is stored, so a
 * dead letter is the only copy.
 */

/**
 * SQLSTATE classes that say the VALUES are wrong: 22 data exception (a NUL
 * in text, a bad escape in jsonb, a time out of range) and 54 program limit
 * exceeded (an index row too big, nesting past the stack). The same values
 * fail the same way on every redelivery, so these become dead letters. Any
 * other failure (a lost connection, 08; a serialization failure or deadlock,
 * 40; a shutdown, 57; no resources, 53; anything without a SQLSTATE)
 * propagates, the delivery is answered 5xx, and Meta's retry stores it.
 */
const DATA_ERROR_CLASSES = new Set(["22", "54"]);

/** The dead-letter reason for an error thrown while storing an item, or null when a retry could succeed. */
export function dataErrorReason(error: unknown): string | null {
  const code = pgErrorCode(error);
  return code && DATA_ERROR_CLASSES.has(code.slice(0, 2)) ? `database:${code}` : null;
}

/**
 * Keeps an item as a dead letter. A redelivery of the same body (Meta
 * retries a delivery a later item failed) finds the same JSON and reason
 * already kept and adds nothing; two redeliveries at the same instant may
 * both add one, which only repeats a row.
 */
export async function keepDeadLetter(db: Db, workspaceId: string, raw: unknown, reason: string): Promise<void> {
  const text = stringifyJson(raw);
  await db.execute(sql`
    insert into webhook_dead_letters (workspace_id, raw, reason)
    select ${workspaceId}, ${text}, ${reason}
    where not exists (select 1 from webhook_dead_letters where workspace_id = ${workspaceId} and reason = ${reason} and raw = ${text})`);
}

/** How much of a dead letter's JSON the list carries: a delivery may be 3 MB. */
export const RAW_PREVIEW_CHARS = 20_000;

export type DeadLetterItem = {
  id: string;
  reason: string;
  receivedAt: string;
  /** The first RAW_PREVIEW_CHARS characters of the JSON. */
  raw: string;
  rawLength: number;
};

/** The workspace's dead letters, newest first, a page at a time (keyset on received_at, id). */
export async function listDeadLetters(
  db: Db,
  workspaceId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ items: DeadLetterItem[]; nextCursor: string | null }> {
  const limit = clampLimit(options.limit, 20);
  const rows = await db
    .select({
      id: webhookDeadLetters.id,
      cursorAt: preciseTime(webhookDeadLetters.receivedAt),
      reason: webhookDeadLetters.reason,
      receivedAt: webhookDeadLetters.receivedAt,
      raw: sql<string>`left(${webhookDeadLetters.raw}, ${RAW_PREVIEW_CHARS})`,
      rawLength: sql<number>`length(${webhookDeadLetters.raw})::int`,
    })
    .from(webhookDeadLetters)
    .where(and(eq(webhookDeadLetters.workspaceId, workspaceId), afterCursor(webhookDeadLetters.receivedAt, webhookDeadLetters.id, options.cursor)))
    .orderBy(...newestFirst(webhookDeadLetters.receivedAt, webhookDeadLetters.id))
    .limit(limit + 1);
  return page(rows, limit, (row) => ({
    id: row.id,
    reason: row.reason,
    receivedAt: row.receivedAt.toISOString(),
    raw: row.raw,
    rawLength: Number(row.rawLength),
  }));
}

/** One dead letter's whole JSON, for its download; null when it is not this workspace's. */
export async function getDeadLetterRaw(db: Db, workspaceId: string, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ raw: webhookDeadLetters.raw })
    .from(webhookDeadLetters)
    .where(and(eq(webhookDeadLetters.id, id), eq(webhookDeadLetters.workspaceId, workspaceId)));
  return row?.raw ?? null;
}
