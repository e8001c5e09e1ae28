import type { RealtimeEvent } from "@/lib/realtime/events";
import type { StepEffects } from "./pipeline";

/**
 * What storing a webhook delivery did and asks for afterwards: one type from
 * a single message up to the whole delivery, so the route hands the work
 * after its answer (publishing, running the enqueued jobs, waking for a
 * delayed reply) exactly what the pipeline's steps asked for.
 */
export type InboundOutcome = {
  stored: number;
  duplicates: number;
  statuses: number;
  /** The reasons of the items kept as dead letters (lib/inbox/dead-letters.ts). */
  deadLetters: string[];
  /** Published by the caller after the response: never inside a transaction. */
  events: RealtimeEvent[];
  /** Jobs the stored messages enqueued (forwarding, replies): the caller runs them after answering. */
  jobsEnqueued: number;
  /** The earliest delayed job enqueued (an assistant reply), so the caller can run it on time. */
  wakeAt: Date | null;
};

export function emptyOutcome(): InboundOutcome {
  return { stored: 0, duplicates: 0, statuses: 0, deadLetters: [], events: [], jobsEnqueued: 0, wakeAt: null };
}

/** Adds what one stored message (or a whole change) asked for; the earliest wake-up wins. */
export function addToOutcome(outcome: InboundOutcome, more: Partial<InboundOutcome> & StepEffects): void {
  outcome.stored += more.stored ?? 0;
  outcome.duplicates += more.duplicates ?? 0;
  outcome.statuses += more.statuses ?? 0;
  if (more.deadLetters) outcome.deadLetters.push(...more.deadLetters);
  if (more.events) outcome.events.push(...more.events);
  outcome.jobsEnqueued += more.jobsEnqueued ?? 0;
  if (more.wakeAt && (!outcome.wakeAt || more.wakeAt < outcome.wakeAt)) outcome.wakeAt = more.wakeAt;
}
