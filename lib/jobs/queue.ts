import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import type { JobKind } from "./kind";

export type NewJob<P extends Record<string, unknown> = Record<string, unknown>> = {
  workspaceId: string;
  kind: JobKind<P>;
  payload: P;
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
export async function enqueueJob<P extends Record<string, unknown>>(db: Db, job: NewJob<P>): Promise<string | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      workspaceId: job.workspaceId,
      kind: job.kind.name,
      payload: job.kind.payload.parse(job.payload),
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
export async function cancelPendingJobs(db: Db, workspaceId: string, kind: JobKind, dedupeKey: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.kind, kind.name), eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, "pending")))
    .returning({ id: jobs.id });
  return rows.length;
}

const at = (value: Date) => sql`${value.toISOString()}::timestamptz`;

/**
 * A CTE (`<name> as (...)`, returning `id, run_at`) that enqueues one job of
 * `kind` for each row `from` yields, for statements that enqueue in the
 * same statement as the change the job acts on (the webhook's). The payload
 * names exactly the kind's fields, each as a SQL expression over `from`.
 * `when` gates it with a parameter rather than a different text, so the
 * statement's text (and its prepared plan) stays the same when it is off.
 */
export function enqueueJobCte<P extends Record<string, unknown>>(
  name: string,
  kind: JobKind<P>,
  job: { workspaceId: string; payload: { [K in keyof P]-?: SQL }; from: SQL; when: SQL; runAt: Date | null; dedupeKey?: SQL; now: Date },
): SQL {
  const fields = Object.entries(job.payload as Record<string, SQL>).map(([key, value]) => sql`${key}::text, ${value}`);
  return sql`${sql.raw(name)} as (
      insert into jobs (workspace_id, kind, payload, run_at, dedupe_key, created_at, updated_at)
      select ${job.workspaceId}, ${kind.name}, jsonb_build_object(${sql.join(fields, sql`, `)}), ${job.runAt?.toISOString() ?? null}::timestamptz,
             ${job.dedupeKey ?? sql`null::text`}, ${at(job.now)}, ${at(job.now)}
      from ${job.from}
      where ${job.when}
      on conflict (workspace_id, kind, dedupe_key) where status = 'pending' and dedupe_key is not null do nothing
      returning id, run_at
    )`;
}

/** A CTE (`<name> as (...)`, returning `id`) cancelling the pending jobs of `kind` whose dedupe key is `dedupeKey`, when `when` holds. */
export function cancelPendingJobsCte(name: string, kind: JobKind, job: { workspaceId: string; dedupeKey: SQL; when: SQL; now: Date }): SQL {
  return sql`${sql.raw(name)} as (
      update jobs set status = 'cancelled', updated_at = ${at(job.now)}
      where ${job.when} and workspace_id = ${job.workspaceId} and kind = ${kind.name} and status = 'pending' and dedupe_key = ${job.dedupeKey}
      returning id
    )`;
}
