import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { type Backoff, backoffDelay } from "./backoff";

export type Job = {
  id: string;
  workspaceId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** This attempt's number, counting from 1. */
  attempts: number;
  runAt: Date;
  createdAt: Date;
};

export type JobContext = { db: Db; now: () => Date };

/** What a failed attempt leads to: another attempt at `nextRunAt`, or none (dead). */
export type JobFailure = { error: string; dead: boolean; nextRunAt: Date | null };

/** Thrown by a job to be retried, at the earliest after `retryAfterMs` (a receiver's Retry-After). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Thrown by a job that no further attempt can help (its message was deleted, its settings turned off). */
export class GiveUp extends Error {}

export type JobDefinition<R = unknown> = {
  kind: string;
  backoff: Backoff;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Keep retrying at least this long after the job was created, whatever maxAttempts says. */
  retryForMs?: number;
  run(job: Job, context: JobContext): Promise<R>;
  /** In the transaction that deletes the finished job. */
  onSuccess?(db: Db, job: Job, result: R): Promise<void>;
  /** In the transaction that reschedules or buries the job. */
  onFailure?(db: Db, job: Job, failure: JobFailure): Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds definitions of every result type
export type AnyJobDefinition = JobDefinition<any>;

export type RunOptions = {
  now?: () => Date;
  /** Jobs claimed per round; they run concurrently. */
  batchSize?: number;
  /** Stop claiming once this much wall time has passed (a cron invocation has a deadline). */
  timeBudgetMs?: number;
  /** How long a claimed job stays reserved: longer than any job's own timeouts. */
  leaseMs?: number;
  random?: () => number;
};

export type RunSummary = { ran: number; succeeded: number; retried: number; dead: number };

const DEFAULT_LEASE_MS = 5 * 60_000;

type ClaimedRow = {
  id: string;
  workspace_id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  run_at: string | Date;
  created_at: string | Date;
};

/**
 * Reserves up to `limit` due jobs. SKIP LOCKED lets any number of workers
 * (after() callbacks, the cron route, other instances) claim at once without
 * two of them ever taking the same job; a running job whose lease expired
 * (its worker died) is due again.
 */
async function claim(db: Db, kinds: string[], limit: number, now: Date, leaseMs: number): Promise<Job[]> {
  const at = now.toISOString();
  const result = await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1,
      locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, updated_at = ${at}::timestamptz
    where id in (
      select id from jobs
      where kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
        and ((status = 'pending' and run_at <= ${at}::timestamptz) or (status = 'running' and locked_until <= ${at}::timestamptz))
      order by run_at
      limit ${limit}
      for update skip locked
    )
    returning id, workspace_id, kind, payload, attempts, run_at, created_at`);
  return rowsOf<ClaimedRow>(result).map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    runAt: new Date(row.run_at),
    createdAt: new Date(row.created_at),
  }));
}

/** Only the worker still holding this attempt may finish it: a later claim after a lost lease wins. */
const heldBy = (job: Job) => and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts));

function failureOf(definition: AnyJobDefinition, job: Job, error: unknown, now: Date, random: () => number): JobFailure {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= definition.maxAttempts;
  const stillRetrying = definition.retryForMs !== undefined && now.getTime() - job.createdAt.getTime() < definition.retryForMs;
  if (error instanceof GiveUp || (exhausted && !stillRetrying)) return { error: message, dead: true, nextRunAt: null };
  const delay = Math.max(backoffDelay(definition.backoff, job.attempts, random), error instanceof RetryLater ? (error.retryAfterMs ?? 0) : 0);
  return { error: message, dead: false, nextRunAt: new Date(now.getTime() + delay) };
}

async function runOne(db: Db, definition: AnyJobDefinition, job: Job, options: Required<Pick<RunOptions, "now" | "random">>) {
  let result: unknown;
  try {
    result = await definition.run(job, { db, now: options.now });
  } catch (error) {
    const failure = failureOf(definition, job, error, options.now(), options.random);
    await db.transaction(async (tx) => {
      const [held] = await tx
        .update(jobs)
        .set(
          failure.dead
            ? { status: "dead", lockedUntil: null, lastError: failure.error, updatedAt: options.now() }
            : { status: "pending", lockedUntil: null, lastError: failure.error, runAt: failure.nextRunAt!, updatedAt: options.now() },
        )
        .where(heldBy(job))
        .returning({ id: jobs.id });
      if (held) await definition.onFailure?.(tx, job, failure);
    });
    return failure.dead ? "dead" : "retried";
  }
  await db.transaction(async (tx) => {
    const [held] = await tx.delete(jobs).where(heldBy(job)).returning({ id: jobs.id });
    if (held) await definition.onSuccess?.(tx, job, result);
  });
  return "succeeded";
}

/**
 * Runs the due jobs of the given kinds until none is due or the time budget
 * is spent. Safe to call from any number of places at once.
 */
export async function runDueJobs(db: Db, definitions: readonly AnyJobDefinition[], options: RunOptions = {}): Promise<RunSummary> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 10;
  const deadline = performance.now() + (options.timeBudgetMs ?? 20_000);
  const byKind = new Map(definitions.map((d) => [d.kind, d]));
  const summary: RunSummary = { ran: 0, succeeded: 0, retried: 0, dead: 0 };
  while (byKind.size && performance.now() < deadline) {
    const claimed = await claim(db, [...byKind.keys()], batchSize, now(), options.leaseMs ?? DEFAULT_LEASE_MS);
    if (!claimed.length) break;
    const outcomes = await Promise.all(claimed.map((job) => runOne(db, byKind.get(job.kind)!, job, { now, random })));
    for (const outcome of outcomes) {
      summary.ran += 1;
      summary[outcome] += 1;
    }
  }
  return summary;
}
