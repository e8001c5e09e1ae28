import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as cronJobs } from "@/app/api/cron/jobs/route";
import type { DbConnection } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { z } from "zod";
import { assistantReplyKind } from "@/lib/bots/job-kinds";
import { defineJobKind } from "@/lib/jobs/kind";
import { drainWhenDue } from "@/lib/composition/drain-jobs";
import { cancelPendingJobs, enqueueJob } from "@/lib/jobs/queue";
import { assistantReplyJob } from "@/lib/bots/assistant-reply";
import { forwardMessageJob } from "@/lib/forwarding/job";
import { GiveUp, type Job, type JobDefinition, LEASE_MARGIN_MS, leaseMsOf, releaseClaim, resumeJobRuns, RetryLater, runDueJobs, stopJobRuns } from "@/lib/jobs/runner";
import { useDatabase } from "../support/request-context";
import { createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
let workspaceId: string;
const T0 = new Date("2026-10-30T12:00:00Z");
let clock = T0;
const now = () => clock;
const later = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
});
afterAll(() => connection.close());
beforeEach(async () => {
  clock = T0;
  await connection.db.delete(jobs);
});

const rowOf = async (id: string) => (await connection.db.select().from(jobs).where(eq(jobs.id, id)))[0];

/** Kinds whose payload is any object: these tests are about the queue, not payloads. */
const anyKind = (name: string) => defineJobKind(name, z.record(z.string(), z.unknown()));

function definition(overrides: Partial<JobDefinition> & { run: JobDefinition["run"] }): JobDefinition {
  return { kind: "test", payload: z.record(z.string(), z.unknown()), backoff: { baseMs: 60_000, maxMs: 3_600_000 }, maxAttempts: 3, timeoutMs: 5_000, ...overrides };
}

describe("durable jobs", () => {
  it("runs a due job once and deletes it, calling onSuccess in the same step", async () => {
    const seen: string[] = [];
    const succeeded: unknown[] = [];
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { n: 1 }, runAt: T0 }))!;
    const job = definition({
      run: async (j) => {
        seen.push(String(j.payload.n));
        return "ok";
      },
      onSuccess: async (_db, _job, result) => void succeeded.push(result),
    });
    const summary = await runDueJobs(connection.db, [job], { now });
    expect(summary).toEqual({ ran: 1, succeeded: 1, retried: 0, dead: 0 });
    expect(seen).toEqual(["1"]);
    expect(succeeded).toEqual(["ok"]);
    expect(await rowOf(id)).toBeUndefined();
    expect((await runDueJobs(connection.db, [job], { now })).ran).toBe(0);
  });

  it("does not run a delayed job before its time, and runs it after", async () => {
    let runs = 0;
    const job = definition({ run: async () => void runs++ });
    await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, runAt: later(30_000) });
    clock = later(29_999);
    await runDueJobs(connection.db, [job], { now });
    expect(runs).toBe(0);
    clock = later(30_000);
    await runDueJobs(connection.db, [job], { now });
    expect(runs).toBe(1);
  });

  it("claims only the kinds the worker knows", async () => {
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("someone-else"), payload: {}, runAt: T0 }))!;
    await runDueJobs(connection.db, [definition({ run: async () => {} })], { now });
    expect((await rowOf(id))?.status).toBe("pending");
  });

  it("joins a second enqueue with the same dedupe key while the first is pending, not once it runs", async () => {
    const first = await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { n: 1 }, dedupeKey: "chat-1", runAt: T0 });
    const second = await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { n: 2 }, dedupeKey: "chat-1", runAt: T0 });
    const otherKey = await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { n: 3 }, dedupeKey: "chat-2", runAt: T0 });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(otherKey).toBeTruthy();

    let duringRun: string | null = "unset";
    await runDueJobs(connection.db, [
      definition({
        run: async (j) => {
          if (j.id === first) duringRun = await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, dedupeKey: "chat-1", runAt: later(60_000) });
        },
      }),
    ], { now });
    expect(duringRun).toBeTruthy();
  });

  it("retries a failure with exponential backoff and jitter, then keeps it as dead with its error", async () => {
    const failures: boolean[] = [];
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, runAt: T0 }))!;
    const job = definition({
      run: async () => {
        throw new Error("receiver said 500");
      },
      onFailure: async (_db, _job, failure) => void failures.push(failure.dead),
    });

    await runDueJobs(connection.db, [job], { now, random: () => 0 });
    let row = (await rowOf(id))!;
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "receiver said 500" });
    expect(row.runAt).toEqual(later(30_000)); // half of 60 s with no jitter drawn

    clock = row.runAt;
    await runDueJobs(connection.db, [job], { now, random: () => 1 });
    row = (await rowOf(id))!;
    expect(row.attempts).toBe(2);
    expect(row.runAt.getTime() - clock.getTime()).toBe(120_000); // the full doubled delay with the most jitter

    clock = row.runAt;
    const summary = await runDueJobs(connection.db, [job], { now });
    row = (await rowOf(id))!;
    expect(summary.dead).toBe(1);
    expect(row).toMatchObject({ status: "dead", attempts: 3, lastError: "receiver said 500", lockedUntil: null });
    expect(failures).toEqual([false, false, true]);

    clock = later(86_400_000);
    expect((await runDueJobs(connection.db, [job], { now })).ran).toBe(0);
  });

  it("waits at least a Retry-After longer than its backoff", async () => {
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, runAt: T0 }))!;
    await runDueJobs(connection.db, [definition({ run: async () => Promise.reject(new RetryLater("429", 600_000)) })], { now });
    expect((await rowOf(id))!.runAt).toEqual(later(600_000));
  });

  it("buries a job that gives up at once", async () => {
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, runAt: T0 }))!;
    await runDueJobs(connection.db, [definition({ run: async () => Promise.reject(new GiveUp("message deleted")) })], { now });
    expect(await rowOf(id)).toMatchObject({ status: "dead", attempts: 1, lastError: "message deleted" });
  });

  it("keeps retrying past maxAttempts until retryForMs has passed since the job was created", async () => {
    const [{ id }] = await connection.db
      .insert(jobs)
      .values({ workspaceId, kind: "test", payload: {}, runAt: T0, createdAt: T0 })
      .returning({ id: jobs.id }) as [{ id: string }];
    const job = definition({ maxAttempts: 1, retryForMs: 3_600_000, run: async () => Promise.reject(new Error("down")) });
    clock = later(3_599_999);
    await runDueJobs(connection.db, [job], { now });
    expect((await rowOf(id))!.status).toBe("pending");
    clock = (await rowOf(id))!.runAt;
    await runDueJobs(connection.db, [job], { now });
    expect((await rowOf(id))!.status).toBe("dead");
  });

  it("gives a job whose worker died back after its lease, and ignores the stale worker's finish", async () => {
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, runAt: T0 }))!;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const succeeded: number[] = [];
    // A 45 s timeout: a 60 s lease.
    const slow = definition({ timeoutMs: 45_000, run: async (j: Job) => { if (j.attempts === 1) await stuck; }, onSuccess: async (_db, j) => void succeeded.push(j.attempts) });

    const firstWorker = runDueJobs(connection.db, [slow], { now });
    await expect.poll(async () => (await rowOf(id))?.status).toBe("running");
    clock = later(59_000);
    expect((await runDueJobs(connection.db, [slow], { now })).ran).toBe(0);
    clock = later(61_000);
    expect((await runDueJobs(connection.db, [slow], { now })).succeeded).toBe(1);
    release();
    await firstWorker;
    expect(succeeded).toEqual([2]);
  });

  it("never runs one job twice when several workers drain at once", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) ids.add((await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { i }, runAt: T0 }))!);
    const runs = new Map<string, number>();
    const job = definition({
      run: async (j) => {
        runs.set(j.id, (runs.get(j.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const summaries = await Promise.all([1, 2, 3, 4].map(() => runDueJobs(connection.db, [job], { now, batchSize: 3 })));
    expect(summaries.reduce((sum, s) => sum + s.succeeded, 0)).toBe(40);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it("cancels pending jobs by key, which then never run", async () => {
    let runs = 0;
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: {}, dedupeKey: "chat-9", runAt: T0 }))!;
    expect(await cancelPendingJobs(connection.db, workspaceId, anyKind("test"), "chat-9", T0)).toBe(1);
    await runDueJobs(connection.db, [definition({ run: async () => void runs++ })], { now });
    expect(runs).toBe(0);
    expect((await rowOf(id))!.status).toBe("cancelled");
  });
});

describe("payloads", () => {
  it("refuses to enqueue a payload its kind's schema refuses", async () => {
    await expect(enqueueJob(connection.db, { workspaceId, kind: assistantReplyKind, payload: { conversationId: "not-a-uuid" } })).rejects.toThrow();
    expect(await connection.db.select().from(jobs)).toHaveLength(0);
  });

  it("buries a stored job whose payload its kind refuses, with the reason, without running it", async () => {
    let runs = 0;
    const kind = defineJobKind("typed", z.object({ conversationId: z.uuid() }));
    const [row] = await connection.db.insert(jobs).values({ workspaceId, kind: kind.name, payload: { conversationId: 42 }, runAt: T0 }).returning();
    const summary = await runDueJobs(connection.db, [definition({ kind: kind.name, payload: kind.payload, run: async () => void runs++ })], { now });
    expect(summary).toMatchObject({ ran: 1, dead: 1 });
    expect(runs).toBe(0);
    expect(await rowOf(row!.id)).toMatchObject({ status: "dead", lastError: expect.stringMatching(/^invalid payload: conversationId: /) });
  });
});

describe("running jobs after a request", () => {
  // An assistant reply for a workspace whose assistant is off: it runs, answers nothing, and is deleted.
  const enqueueReply = (runAt: Date) => enqueueJob(connection.db, { workspaceId, kind: assistantReplyKind, payload: { conversationId: crypto.randomUUID() }, runAt });

  it("leaves a job due in more than 30 s to the poller and the cron route", async () => {
    const id = (await enqueueReply(new Date(Date.now() + 60_000)))!;
    expect(await drainWhenDue(new Date(Date.now() + 60_000))).toBeNull();
    expect((await rowOf(id))?.status).toBe("pending");
  });

  it("waits for a job due within 30 s, then runs it", async () => {
    const due = new Date(Date.now() + 300);
    const id = (await enqueueReply(due))!;
    const summary = await drainWhenDue(due);
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    expect(summary).toMatchObject({ ran: 1, succeeded: 1 });
    expect(await rowOf(id)).toBeUndefined();
  });
});

describe("GET /api/cron/jobs", () => {
  const call = (authorization?: string) =>
    cronJobs(new Request("http://localhost/api/cron/jobs", { headers: authorization ? { authorization } : {} }), undefined);

  it("refuses a request without the cron secret or with another one", async () => {
    expect((await call()).status).toBe(401);
    expect((await call("Bearer not-the-secret")).status).toBe(401);
    expect((await call("test-cron-secret")).status).toBe(401); // the secret without "Bearer "
  });

  it("runs due jobs with the secret and answers counts", async () => {
    const response = await call("Bearer test-cron-secret");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ran: expect.any(Number), succeeded: expect.any(Number), dead: expect.any(Number) });
  });
});

describe("leases and timeouts", () => {
  it("writes a lease of the kind's own timeout plus the margin at claim, per kind", async () => {
    const short = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("short"), payload: {}, runAt: T0 }))!;
    const long = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("long"), payload: {}, runAt: T0 }))!;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const running = runDueJobs(connection.db, [definition({ kind: "short", timeoutMs: 20_000, run: () => stuck }), definition({ kind: "long", timeoutMs: 40_000, run: () => stuck })], { now });
    await expect.poll(async () => (await rowOf(long))?.status).toBe("running");
    expect((await rowOf(short))!.lockedUntil).toEqual(later(20_000 + LEASE_MARGIN_MS));
    expect((await rowOf(long))!.lockedUntil).toEqual(later(40_000 + LEASE_MARGIN_MS));
    release();
    expect(await running).toMatchObject({ succeeded: 2 });
  });

  it("sizes the product's leases to their own timeouts, not five minutes", () => {
    // Forwarding: the receiver's 10 s timeout plus 5 s of reads; the assistant: the model's 30 s, WhatsApp's 10 s, 5 s.
    expect(leaseMsOf(forwardMessageJob)).toBe(15_000 + LEASE_MARGIN_MS);
    expect(leaseMsOf(assistantReplyJob)).toBe(45_000 + LEASE_MARGIN_MS);
  });

  it("aborts a job that runs past its timeout and counts a failed attempt, whether or not it heeds the signal", async () => {
    const heeding = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("heeds"), payload: {}, runAt: T0 }))!;
    const deaf = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("deaf"), payload: {}, runAt: T0 }))!;
    let sawAbort = false;
    const waitForAbort = (signal: AbortSignal) =>
      new Promise<void>((_, reject) => signal.addEventListener("abort", () => ((sawAbort = true), reject(signal.reason))));
    const summary = await runDueJobs(
      connection.db,
      [
        definition({ kind: "heeds", timeoutMs: 150, run: (_job, { signal }) => waitForAbort(signal) }),
        definition({ kind: "deaf", timeoutMs: 150, run: () => new Promise(() => {}) }),
      ],
      { now },
    );
    expect(summary).toEqual({ ran: 2, succeeded: 0, retried: 2, dead: 0 });
    expect(sawAbort).toBe(true);
    for (const id of [heeding, deaf]) expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, lastError: "timeout: the job ran past its 150 ms", lockedUntil: null });
  });
});

describe("a stopping server", () => {
  it("gives its running claims back at once: another runner takes them now, the attempt uncounted, and the stopped worker's late finish is fenced off", async () => {
    const id = (await enqueueJob(connection.db, { workspaceId, kind: anyKind("test"), payload: { n: 7 }, runAt: T0 }))!;
    let finishLate!: () => void;
    const late = new Promise<void>((resolve) => (finishLate = resolve));
    const seen: { attempts: number; claim: number; payload: unknown }[] = [];
    const succeeded: number[] = [];
    const job = definition({
      timeoutMs: 60_000,
      run: async (j) => {
        seen.push({ attempts: j.attempts, claim: j.claim, payload: j.payload });
        if (j.claim === 1) await late; // the first worker is mid-job when its server stops
      },
      onSuccess: async (_db, j) => void succeeded.push(j.claim),
    });

    const first = runDueJobs(connection.db, [job], { now });
    await expect.poll(() => seen.length).toBe(1);
    try {
      expect(await stopJobRuns({ now })).toEqual({ released: 1 });
      // Stopped, this process claims nothing more.
      expect((await runDueJobs(connection.db, [job], { now })).ran).toBe(0);
      expect(await first).toEqual({ ran: 0, succeeded: 0, retried: 0, dead: 0 });
      expect(await rowOf(id)).toMatchObject({ status: "pending", runAt: T0, lockedUntil: null, attempts: 1 });
    } finally {
      resumeJobRuns();
    }

    // Another runner, same instant (no lease to wait out): claim 2, but still the first counted attempt.
    const [claimedByOld] = seen;
    expect(await runDueJobs(connection.db, [job], { now })).toMatchObject({ ran: 1, succeeded: 1 });
    expect(seen[1]).toEqual({ attempts: 1, claim: 2, payload: { n: 7 } });
    expect(claimedByOld!.payload).toEqual({ n: 7 });
    // The released worker finishes late: its run ends, nothing more is recorded.
    finishLate();
    expect(succeeded).toEqual([2]);
    const oldClaim: Job = { id, workspaceId, kind: "test", payload: {}, attempts: 1, claim: 1, runAt: T0, createdAt: T0 };
    expect(await releaseClaim(connection.db, oldClaim, clock)).toBe(false);
    expect(await rowOf(id)).toBeUndefined();
  });
});
