import { assistantReplyJob } from "@/lib/bots/assistant-reply";
import { botReplyJob } from "@/lib/bots/rules/reply-job";
import { botTurnJob } from "@/lib/bots/rules/turn";
import { forwardMessageJob } from "@/lib/forwarding/job";
import type { AnyJobDefinition, JobDefinition } from "@/lib/jobs/runner";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { syncTemplatesJob } from "@/lib/templates/sync-job";

function eventsOf(result: unknown): RealtimeEvent[] {
  const events = (result as { events?: unknown } | null | undefined)?.events;
  return Array.isArray(events) ? (events as RealtimeEvent[]) : [];
}

/**
 * The kind with a run that publishes the real-time events its result names
 * (`events`), once the run returned: a run commits its own writes, and the
 * job's bookkeeping afterwards changes nothing a browser shows. The
 * definition is the prototype, so lazy getters (`timeoutMs` reads env()) stay
 * lazy.
 */
function publishingEvents<R>(definition: JobDefinition<R>): JobDefinition<R> {
  const run: JobDefinition<R>["run"] = async (job, context) => {
    const result = await definition.run(job, context);
    await publish(eventsOf(result));
    return result;
  };
  return Object.create(definition, { run: { value: run } }) as JobDefinition<R>;
}

/** Every kind of job the product runs; a worker claims only kinds it knows. */
export const JOB_DEFINITIONS: readonly AnyJobDefinition[] = [
  publishingEvents(forwardMessageJob),
  publishingEvents(assistantReplyJob),
  syncTemplatesJob,
  botTurnJob,
  publishingEvents(botReplyJob),
];
