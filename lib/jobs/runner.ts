import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { type Backoff, backoffDelay } from "./backoff";

export type Job<P extends Record<string, unknown> = Record<string, unknown>> = {
  id: string;
  workspaceId: string;
  kind: string;
  /** Parsed with the kind's schema before `run`; as stored in `onFailure` (it may be what failed to parse). */
  payload: P;
  /** This attempt's number, counting from 1; a claim released by a stopping server does not count. */
  attempts: number;
  /** The claim's number (the `attempts` column, every claim counted): what fences finishing, see `heldBy`. */
  claim: number;
  runAt: Date;
  createdAt: Date;
};

/** `signal` aborts when the job passes its `timeoutMs` or its server stops: stop work and let it throw. */
export type JobContext = { db: Db; now: () => Date; signal: AbortSignal };

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

export type JobDefinition<R = unknown, P extends Record<string, unknown> = Record<string, unknown>> = {
  kind: string;
  /** The payload's schema (lib/jobs/kind.ts): a payload it refuses kills the job with the reason. */
  payload: z.ZodType<P>;
  backoff: Backoff;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /**
   * The longest one run may take, its own timeouts included (an HTTP call's,
   * a model call's). The runner aborts the run then and counts a failed
   * attempt; the claim's lease is this plus LEASE_MARGIN_MS, so a job never
   * outlives its lease and a dead worker's job is due again soon after.
   */
  timeoutMs: number;
  /** Keep retrying at least this long after the job was created, whatever maxAttempts says. */
  retryForMs?: number;
  run(job: Job<P>, context: JobContext): Promise<R>;
  /** In the transaction that deletes the finished job: the same Job object `run` had. */
  onSuccess?(db: Db, job: Job<P>, result: R): Promise<void>;
  /** In the transaction that reschedules or buries the job: the Job object `run` had, or as stored when its payload was refused. */
  onFailure?(db: Db, job: Job, failure: JobFailure): Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds definitions of every result type
export type AnyJobDefinition = JobDefinition<any, any>;

export type RunOptions = {
  now?: () => Date;
  /** Jobs claimed per round; they run concurrently. */
  batchSize?: number;
  /** Stop claiming once this much wall time has passed (a cron invocation has a deadline). */
  timeBudgetMs?: number;
  random?: () => number;
};

export type RunSummary = { ran: number; succeeded: number; retried: number; dead: number };

/**
 * Time beyond a job's timeout before its lease expires: enough for the
 * runner to write the outcome of a run it aborted at the timeout (a
 * transaction or two), small enough that a job whose worker died waits
 * seconds, not minutes, before another worker takes it.
 */
export const LEASE_MARGIN_MS = 15_000;

/** The lease a claim of this kind writes: the job's own timeout plus the margin. */
export const leaseMsOf = (definition: Pick<AnyJobDefinition, "timeoutMs">) => definition.timeoutMs + LEASE_MARGIN_MS;

/** Payload key counting claims given back by stopping servers: those attempts are not failures. */
const RELEASED_KEY = "_released";

export class JobTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout: the job ran past its ${timeoutMs} ms`);
  }
}

/** The server is stopping: its claims go back to the queue. */
class JobReleased extends Error {}

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
async function claim(db: Db, definitions: Map<string, AnyJobDefinition>, limit: number, now: Date): Promise<Job[]> {
  const at = now.toISOString();
  const kinds = [...definitions.keys()];
  // Each kind's lease is its own timeout plus the margin, in one statement for all kinds.
  const leaseMs = sql`case kind ${sql.join(
    [...definitions.values()].map((d) => sql`when ${d.kind} then ${leaseMsOf(d)}::int`),
    sql` `,
  )} end`;
  const result = await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1,
      locked_until = ${at}::timestamptz + ${leaseMs} * interval '1 millisecond', updated_at = ${at}::timestamptz
    where id in (
      select id from jobs
      where kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
        and ((status = 'pending' and run_at <= ${at}::timestamptz) or (status = 'running' and locked_until <= ${at}::timestamptz))
      order by run_at
      limit ${limit}
      for update skip locked
    )
    returning id, workspace_id, kind, payload, attempts, run_at, created_at`);
  return rowsOf<ClaimedRow>(result).map((row) => {
    const { [RELEASED_KEY]: released, ...payload } = row.payload;
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      kind: row.kind,
      payload,
      attempts: row.attempts - (Number(released) || 0),
      claim: row.attempts,
      runAt: new Date(row.run_at),
      createdAt: new Date(row.created_at),
    };
  });
}

/**
 * Only the worker still holding this claim may finish it: a later claim after
 * a lost lease or a release wins. The claim number only grows (a release
 * does not give it back), so an old worker can never match a newer claim.
 */
const heldBy = (job: Job) => and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.claim));

function failureOf(definition: AnyJobDefinition, job: Job, error: unknown, now: Date, random: () => number): JobFailure {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= definition.maxAttempts;
  const stillRetrying = definition.retryForMs !== undefined && now.getTime() - job.createdAt.getTime() < definition.retryForMs;
  if (error instanceof GiveUp || (exhausted && !stillRetrying)) return { error: message, dead: true, nextRunAt: null };
  const delay = Math.max(backoffDelay(definition.backoff, job.attempts, random), error instanceof RetryLater ? (error.retryAfterMs ?? 0) : 0);
  return { error: message, dead: false, nextRunAt: new Date(now.getTime() + delay) };
}

type ActiveRun = { db: Db; job: Job; controller: AbortController; done: Promise<unknown> };

/** The runs of this process, so that a stopping server can give their claims back. */
const active = new Set<ActiveRun>();
let stopping = false;

/** The job with its payload parsed by the kind's schema; a payload it refuses is not worth another attempt. */
function parsedJob(definition: AnyJobDefinition, job: Job): Job {
  const parsed = definition.payload.safeParse(job.payload);
  if (!parsed.success) throw new GiveUp(`invalid payload: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`).join("; ")}`);
  return { ...job, payload: parsed.data };
}

/** Runs the job, aborting it at its timeout (or when the server stops). */
async function runWithin(definition: AnyJobDefinition, job: Job, context: Omit<JobContext, "signal">, controller: AbortController) {
  const timer = setTimeout(() => controller.abort(new JobTimeout(definition.timeoutMs)), definition.timeoutMs);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(controller.signal.reason);
    controller.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // The race ends the attempt even when the job ignores its signal: its lease must not run out first.
    return await Promise.race([definition.run(job, { ...context, signal: controller.signal }), aborted]);
  } finally {
    clearTimeout(timer);
    controller.signal.removeEventListener("abort", onAbort);
  }
}

async function runOne(db: Db, definition: AnyJobDefinition, job: Job, options: Required<Pick<RunOptions, "now" | "random">>) {
  const controller = new AbortController();
  const run: ActiveRun = { db, job, controller, done: Promise.resolve() };
  active.add(run);
  try {
    const outcome = finishOne(db, definition, job, options, controller);
    run.done = outcome.catch(() => {});
    return await outcome;
  } finally {
    active.delete(run);
  }
}

async function finishOne(db: Db, definition: AnyJobDefinition, claimed: Job, options: Required<Pick<RunOptions, "now" | "random">>, controller: AbortController) {
  let result: unknown;
  let job = claimed;
  try {
    job = parsedJob(definition, claimed);
    result = await runWithin(definition, job, { db, now: options.now }, controller);
  } catch (error) {
    // Released by a stopping server: the claim is back in the queue, nothing to record.
    if (error instanceof JobReleased) return "released" as const;
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
    return failure.dead ? ("dead" as const) : ("retried" as const);
  }
  await db.transaction(async (tx) => {
    const [held] = await tx.delete(jobs).where(heldBy(job)).returning({ id: jobs.id });
    if (held) await definition.onSuccess?.(tx, job, result);
  });
  return "succeeded" as const;
}

/**
 * Gives the claim back: due again at once for any worker, without counting
 * the attempt (the payload keeps how many claims were given back). Fenced
 * like finishing, so it does nothing when the claim was already finished or
 * taken over.
 */
export async function releaseClaim(db: Db, job: Job, now: Date): Promise<boolean> {
  const released = await db
    .update(jobs)
    .set({
      status: "pending",
      lockedUntil: null,
      runAt: now,
      updatedAt: now,
      payload: sql`${jobs.payload} || jsonb_build_object(${RELEASED_KEY}::text, coalesce((${jobs.payload}->>${RELEASED_KEY})::int, 0) + 1)`,
    })
    .where(heldBy(job))
    .returning({ id: jobs.id });
  return released.length > 0;
}

/**
 * For a stopping server: claims nothing more, gives the running jobs `graceMs`
 * to finish, then aborts the rest and gives their claims back at once, so
 * another process runs them now instead of after their lease. A job released
 * this way may already have had its effect (a delivery sent, awaiting its
 * answer); the next attempt repeats it, which the webhook-id and the
 * assistant reply's key make harmless.
 */
export async function stopJobRuns(options: { graceMs?: number; now?: () => Date } = {}): Promise<{ released: number }> {
  stopping = true;
  const graceMs = options.graceMs ?? 0;
  if (graceMs > 0 && active.size) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...active].map((run) => run.done)), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  const now = (options.now ?? (() => new Date()))();
  const left = [...active];
  for (const run of left) run.controller.abort(new JobReleased("the server is stopping"));
  const results = await Promise.all(left.map((run) => releaseClaim(run.db, run.job, now).catch(() => false)));
  return { released: results.filter(Boolean).length };
}

/** Tests: let this process claim again after stopJobRuns. */
export function resumeJobRuns(): void {
  stopping = false;
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
  while (byKind.size && !stopping && performance.now() < deadline) {
    const claimed = await claim(db, byKind, batchSize, now());
    if (!claimed.length) break;
    const outcomes = await Promise.all(claimed.map((job) => runOne(db, byKind.get(job.kind)!, job, { now, random })));
    for (const outcome of outcomes) {
      if (outcome === "released") continue;
      summary.ran += 1;
      summary[outcome] += 1;
    }
  }
  return summary;
}
