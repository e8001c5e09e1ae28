import { sql, type SQL } from "drizzle-orm";
import type { WebhookForwardingSettings } from "./settings";

export const FORWARD_JOB_KIND = "forward-message";

/**
 * The forwarding step of the webhook's storing statement (CTEs reading the
 * `message` CTE): a stored message gets its delivery record and the job that
 * sends it, in the same statement, so no stored message is ever left
 * unforwarded and a duplicate delivery (nothing stored) forwards nothing.
 */
export function forwardingCtes(workspaceId: string, settings: WebhookForwardingSettings, now: Date): SQL {
  if (!settings.enabled || !settings.url) {
    return sql`delivery as (select null::uuid as id where false), forward_job as (select null::uuid as id where false)`;
  }
  const at = now.toISOString();
  return sql`delivery as (
      insert into webhook_deliveries (workspace_id, message_id, status, next_attempt_at, created_at, updated_at)
      select ${workspaceId}, message.id, 'pending', ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz from message
      returning id
    ),
    forward_job as (
      insert into jobs (workspace_id, kind, payload, run_at, created_at, updated_at)
      select ${workspaceId}, ${FORWARD_JOB_KIND}, jsonb_build_object('deliveryId', delivery.id), ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
      from delivery
      returning id
    )`;
}
