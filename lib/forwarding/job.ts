import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { isUuid } from "@/lib/validation";
import { GiveUp, type Job, type JobDefinition, type JobFailure, RetryLater } from "@/lib/jobs/runner";
import { getSettings } from "@/lib/settings/stored-section";
import { DEFAULT_TIMEOUT_MS, sendEvent } from "./deliver";
import { forwardMessageKind } from "./job-kind";
import { loadDeliveryEvent } from "./payload";
import { RefusedTarget, type Resolve } from "./safe-target";
import { webhookForwardingSection } from "./settings";

/** Retry-After is honoured up to this long; a receiver asking for more waits this much. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Retry-After as seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00
 * GMT"), in milliseconds from now; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

export type ForwardJobOptions = {
  /** Per attempt; DEFAULT_TIMEOUT_MS (10 s) when omitted. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Defaults to ALLOW_PRIVATE_WEBHOOK_TARGETS. */
  allowPrivateTargets?: boolean;
  resolve?: Resolve;
};

type ForwardResult = { status: number; at: Date };

/**
 * The HTTP status of the attempt that failed, for onFailure: the runner hands
 * it only the error's message. Keyed by the Job object, which the runner
 * passes to run() and then to onFailure().
 */
const attempts = new WeakMap<Job, { status: number | null; at: Date }>();

function deliveryOf(job: Job): string | null {
  const id = job.payload.deliveryId;
  return typeof id === "string" && isUuid(id) ? id : null;
}

async function recordFailure(db: Db, job: Job, failure: JobFailure): Promise<void> {
  const deliveryId = deliveryOf(job);
  if (!deliveryId) return;
  const attempt = attempts.get(job);
  attempts.delete(job);
  const at = attempt?.at ?? new Date();
  await db
    .update(webhookDeliveries)
    .set({
      status: failure.dead ? "failed" : "retrying",
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: attempt?.status ?? null,
      lastError: failure.error.slice(0, 500),
      nextAttemptAt: failure.nextRunAt,
      updatedAt: at,
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, job.workspaceId)));
}

async function recordSuccess(db: Db, job: Job, result: ForwardResult): Promise<void> {
  const deliveryId = deliveryOf(job);
  attempts.delete(job);
  if (!deliveryId) return;
  await db
    .update(webhookDeliveries)
    .set({
      status: "delivered",
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: result.status,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: result.at,
      updatedAt: result.at,
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, job.workspaceId)));
}

/**
 * Sends one delivery with the workspace's current settings (a changed URL or
 * secret applies to pending retries too). A 2xx answer delivers it. A network
 * error, a timeout or any other answer (3xx included: redirects are not
 * followed) is retried with backoff for at least 24 hours, waiting at least
 * Retry-After on 429 and 503. A refused target, forwarding turned off or a
 * deleted message fails it at once. The error message starts with a code the
 * deliveries screen translates ("http_status: 500").
 */
export function createForwardMessageJob(options: ForwardJobOptions = {}): JobDefinition<ForwardResult, { deliveryId: string }> {
  return {
    kind: forwardMessageKind.name,
    payload: forwardMessageKind.payload,
    // The receiver's timeout (connection and answer together) plus a few seconds for the reads before it.
    timeoutMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 5_000,
    backoff: { baseMs: 30_000, maxMs: 2 * 60 * 60 * 1000 },
    maxAttempts: 10,
    retryForMs: 24 * 60 * 60 * 1000,
    async run(job, { db, now }) {
      const at = now();
      attempts.set(job, { status: null, at });
      const { deliveryId } = job.payload;
      const settings = await getSettings(db, job.workspaceId, webhookForwardingSection);
      if (!settings.enabled || !settings.url) throw new GiveUp("forwarding_disabled: webhook forwarding is turned off");
      const delivery = await loadDeliveryEvent(db, job.workspaceId, deliveryId, at);
      if (!delivery) throw new GiveUp("delivery_missing: the delivery no longer exists");
      if (!delivery.event) throw new GiveUp("message_deleted: the message was deleted");

      let answer;
      try {
        answer = await sendEvent({
          url: settings.url,
          method: settings.method,
          event: delivery.event,
          id: delivery.id,
          secret: settings.secret,
          now: at,
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          allowPrivate: options.allowPrivateTargets,
          resolve: options.resolve,
        });
      } catch (error) {
        if (error instanceof RefusedTarget) throw new GiveUp(error.message);
        throw error;
      }
      attempts.set(job, { status: answer.status, at });
      if (answer.status >= 200 && answer.status < 300) return { status: answer.status, at };
      if (answer.status >= 300 && answer.status < 400) {
        throw new Error(`redirect: answered ${answer.status} to ${String(answer.headers.location ?? "").slice(0, 300)}`);
      }
      if (answer.status === 429 || answer.status === 503) {
        throw new RetryLater(`http_status: answered ${answer.status}`, parseRetryAfter(answer.headers["retry-after"], at));
      }
      throw new Error(`http_status: answered ${answer.status}`);
    },
    onSuccess: recordSuccess,
    onFailure: recordFailure,
  };
}

export const forwardMessageJob = createForwardMessageJob();
