import type { Db } from "@/lib/db/client";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { parseWebhook } from "@/lib/whatsapp/webhook-payload";
import { receiveChange } from "./receive";

export type WebhookOutcome = {
  stored: number;
  duplicates: number;
  statuses: number;
  /** Items kept as dead letters instead of being stored (lib/inbox/dead-letters.ts). */
  deadLetters: number;
  events: RealtimeEvent[];
  /** Jobs the stored messages enqueued (forwarding, replies): the caller runs them after answering. */
  jobsEnqueued: number;
  nextReplyAt: Date | null;
};

/**
 * Everything a verified webhook body asks for, stored before we answer.
 * What cannot be read, or names a number no workspace owns, is logged and
 * acknowledged: Meta would otherwise redeliver it for days. A message of a
 * known workspace that cannot be stored is kept as a dead letter, never
 * dropped. `sanitize: false` skips the walk that makes values storable, for
 * a body whose text proved it needs none (mayNeedSanitizing).
 */
export async function handleWebhookBody(
  db: Db,
  body: unknown,
  log: (message: string, details?: unknown) => void,
  { sanitize = true }: { sanitize?: boolean } = {},
): Promise<WebhookOutcome> {
  const { changes, skipped } = parseWebhook(body, { sanitize });
  for (const reason of skipped) log("skipped", reason);
  const outcome: WebhookOutcome = { stored: 0, duplicates: 0, statuses: 0, deadLetters: 0, events: [], jobsEnqueued: 0, nextReplyAt: null };
  for (const change of changes) {
    for (const item of change.skipped) log(`skipped ${item.kind}`, item.reason);
    const result = await receiveChange(db, change);
    if (!result.workspaceId) {
      log("unknown phone_number_id", change.phoneNumberId);
      continue;
    }
    for (const reason of result.deadLetters) log("kept as a dead letter", reason);
    outcome.deadLetters += result.deadLetters.length;
    outcome.stored += result.stored;
    outcome.duplicates += result.duplicates;
    outcome.statuses += result.statusesApplied;
    outcome.events.push(...result.events);
    outcome.jobsEnqueued += result.jobsEnqueued;
    if (result.nextReplyAt && (!outcome.nextReplyAt || result.nextReplyAt < outcome.nextReplyAt)) outcome.nextReplyAt = result.nextReplyAt;
  }
  return outcome;
}
