import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";

export type NewJob = {
  workspaceId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** When the job becomes due; now when omitted. */
  runAt?: Date;
  /** At most one pending job per (workspace, kind, key): enqueueing again while one waits joins it. */
  dedupeKey?: string;
};

/**
 * Adds a job. Call it with the transaction that makes the change the job acts
 * on, so the job exists exactly when the change does (the transactional
 * outbox). Returns the job's id, or null when a pending job with the same
 * dedupe key already waits.
 */
export async function enqueueJob(db: Db, job: NewJob): Promise<string | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      workspaceId: job.workspaceId,
      kind: job.kind,
      payload: job.payload,
      runAt: job.runAt ?? new Date(),
      dedupeKey: job.dedupeKey ?? null,
    })
    .onConflictDoNothing({
      target: [jobs.workspaceId, jobs.kind, jobs.dedupeKey],
      where: sql`status = 'pending' and dedupe_key is not null`,
    })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/** Cancels the pending jobs of a kind and key (a scheduled reply a stop keyword made pointless). */
export async function cancelPendingJobs(db: Db, workspaceId: string, kind: string, dedupeKey: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.kind, kind), eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, "pending")))
    .returning({ id: jobs.id });
  return rows.length;
}
