import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { cleanupRuns, users } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings/stored-section";
import { chatCleanupSection } from "./settings";

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A run that has not reported progress for this long is taken for dead (its
 * function was killed mid-run). One batch takes well under a second, so a
 * live run never looks this quiet.
 */
export const STALE_RUN_MS = 5 * 60 * 1000;

export type CleanupTrigger = "schedule" | "manual";
export type CleanupRunStatus = "running" | "completed" | "partial";

/** Messages sent before this instant are deleted: N whole days of 24 hours before `now`, at the same time of day. */
export function cleanupCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export type Claim =
  | { status: "claimed"; runId: string; cutoff: Date }
  /** Another run is cleaning this workspace right now. */
  | { status: "busy" }
  /** A scheduled run found the workspace's automatic cleanup switched off. */
  | { status: "disabled" };

/**
 * Starts a run: records it as `running`, which is the lease that makes any
 * other run (the cron twice, or the cron and an admin) skip this workspace
 * until it finishes. The cutoff comes from the saved period at this moment.
 */
export async function claimRun(
  db: Db,
  input: { workspaceId: string; trigger: CleanupTrigger; triggeredBy: string | null; now: Date },
): Promise<Claim> {
  const { workspaceId, trigger, triggeredBy, now } = input;
  // Two runs claiming at the same instant would both find no live run and both insert one. The
  // transaction-level advisory lock makes check-and-insert one step; it is released at commit, so no
  // pooled connection is left holding it. The one that does not get it skips: the other is claiming.
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${`chat-cleanup:${workspaceId}`}, 0)) as locked`),
    );
    if (!lock?.locked) return { status: "busy" };
    const settings = await getSettings(tx, workspaceId, chatCleanupSection);
    if (trigger === "schedule" && !settings.enabled) return { status: "disabled" };

    // While running, duration_ms is the time of the last batch: a heartbeat.
    const lastSign = sql`${cleanupRuns.startedAt} + coalesce(${cleanupRuns.durationMs}, 0) * interval '1 millisecond'`;
    const running = and(eq(cleanupRuns.workspaceId, workspaceId), eq(cleanupRuns.status, "running"));
    const staleBefore = new Date(now.getTime() - STALE_RUN_MS).toISOString();
    const [live] = await tx
      .select({ id: cleanupRuns.id })
      .from(cleanupRuns)
      .where(and(running, sql`${lastSign} >= ${staleBefore}::timestamptz`))
      .limit(1);
    if (live) return { status: "busy" };
    // A dead run keeps what it deleted (each batch committed with its counts); it is closed as partial.
    await tx.update(cleanupRuns).set({ status: "partial", finishedAt: sql`${lastSign}` }).where(running);

    const cutoff = cleanupCutoff(now, settings.days);
    const [run] = await tx
      .insert(cleanupRuns)
      .values({ workspaceId, trigger, triggeredBy, cutoff, status: "running", startedAt: now })
      .returning({ id: cleanupRuns.id });
    return { status: "claimed", runId: run!.id, cutoff };
  });
}

export async function finishRun(db: Db, workspaceId: string, runId: string, result: { status: "completed" | "partial"; durationMs: number; finishedAt: Date }) {
  await db
    .update(cleanupRuns)
    .set({ status: result.status, durationMs: result.durationMs, finishedAt: result.finishedAt })
    .where(and(eq(cleanupRuns.id, runId), eq(cleanupRuns.workspaceId, workspaceId)));
}

export type CleanupRunRow = {
  id: string;
  trigger: CleanupTrigger;
  triggeredByName: string | null;
  startedAt: Date;
  messagesDeleted: number;
  conversationsDeleted: number;
  durationMs: number | null;
  status: CleanupRunStatus;
};

/** The workspace's latest runs, newest first, for the settings page. */
export async function listCleanupRuns(db: Db, workspaceId: string, limit = 10): Promise<CleanupRunRow[]> {
  const rows = await db
    .select({
      id: cleanupRuns.id,
      trigger: cleanupRuns.trigger,
      triggeredByName: users.name,
      startedAt: cleanupRuns.startedAt,
      messagesDeleted: cleanupRuns.messagesDeleted,
      conversationsDeleted: cleanupRuns.conversationsDeleted,
      durationMs: cleanupRuns.durationMs,
      status: cleanupRuns.status,
    })
    .from(cleanupRuns)
    .leftJoin(users, eq(users.id, cleanupRuns.triggeredBy))
    .where(eq(cleanupRuns.workspaceId, workspaceId))
    .orderBy(desc(cleanupRuns.startedAt), desc(cleanupRuns.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, trigger: row.trigger as CleanupTrigger, status: row.status as CleanupRunStatus }));
}
