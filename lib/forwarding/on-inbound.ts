import { sql } from "drizzle-orm";
import { defineStep, emptyCte } from "@/lib/inbox/pipeline";
import { enqueueJobCte } from "@/lib/jobs/queue";
import { forwardMessageKind } from "./job-kind";
import { webhookForwardingSection } from "./settings";

/**
 * Forwarding inside the inbound statement: a stored message gets its
 * delivery record and the job that sends it, in the same statement, so no
 * stored message is ever left unforwarded and a duplicate delivery (nothing
 * stored) forwards nothing.
 */
export const forwardingStep = defineStep<{ forwarding: typeof webhookForwardingSection }, { forward_job_id: string | null }>({
  name: "forwarding",
  settings: { forwarding: webhookForwardingSection },
  defines: ["delivery", "forward_job"],
  reads: ["message"],
  ctes: ({ workspaceId, now }, { forwarding }) => {
    if (!forwarding.enabled || !forwarding.url) {
      return sql`${emptyCte("delivery", { id: "uuid" })}, ${emptyCte("forward_job", { id: "uuid", run_at: "timestamptz" })}`;
    }
    const at = sql`${now.toISOString()}::timestamptz`;
    return sql`delivery as (
      insert into webhook_deliveries (workspace_id, message_id, status, next_attempt_at, created_at, updated_at)
      select ${workspaceId}, message.id, 'pending', ${at}, ${at}, ${at} from message
      returning id
    ),
    ${enqueueJobCte("forward_job", forwardMessageKind, { workspaceId, payload: { deliveryId: sql`delivery.id` }, from: sql`delivery`, when: sql`true`, runAt: now, now })}`;
  },
  columns: { forward_job_id: sql`(select id from forward_job)` },
  effects: ({ forward_job_id }) => ({ jobsEnqueued: forward_job_id ? 1 : 0 }),
});
