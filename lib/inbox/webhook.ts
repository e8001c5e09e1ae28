import type { Db } from "@/lib/db/client";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { parseWebhook } from "@/lib/whatsapp/webhook-payload";
import { receiveChange } from "./receive";

export type WebhookOutcome = {
  stored: number;
  duplicates: number;
  statuses: number;
  events: RealtimeEvent[];
  /** Jobs the stored messages enqueued (forwarding, replies): the caller runs them after answering. */
  jobsEnqueued: number;
  nextReplyAt: Date | null;
};

/**
 * Everything a verified webhook body asks for, stored before we answer.
 * What cannot be read, or names a number no workspace owns, is logged and
 * acknowledged: Meta would otherwise redeliver it for days.
 */
export async function handleWebhookBody(db: Db, body: unknown, log: (message: string, details?: unknown) => void): Promise<WebhookOutcome> {
  const { changes, skipped } = parseWebhook(body);
  for (const reason of skipped) log("skipped", reason);
  const outcome: WebhookOutcome = { stored: 0, duplicates: 0, statuses: 0, events: [], jobsEnqueued: 0, nextReplyAt: null };
  for (const change of changes) {
    for (const item of change.skipped) log(`skipped ${item.kind}`, item.reason);
    const result = await receiveChange(db, change);
    if (!result.workspaceId) {
      log("unknown phone_number_id", change.phoneNumberId);
      continue;
    }
    outcome.stored += result.stored;
    outcome.duplicates += result.duplicates;
    outcome.statuses += result.statusesApplied;
    outcome.events.push(...result.events);
    outcome.jobsEnqueued += result.jobsEnqueued;
    if (result.nextReplyAt && (!outcome.nextReplyAt || result.nextReplyAt < outcome.nextReplyAt)) outcome.nextReplyAt = result.nextReplyAt;
  }
  return outcome;
}
