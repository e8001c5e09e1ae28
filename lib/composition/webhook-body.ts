import type { Db } from "@/lib/db/client";
import { addToOutcome, emptyOutcome, type InboundOutcome } from "@/lib/inbox/inbound-outcome";
import { parseWebhook } from "@/lib/whatsapp/webhook-payload";
import { receiveInboundChange } from "./inbound-pipeline";

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
): Promise<InboundOutcome> {
  const { changes, skipped } = parseWebhook(body, { sanitize });
  for (const reason of skipped) log("skipped", reason);
  const outcome = emptyOutcome();
  for (const change of changes) {
    for (const item of change.skipped) log(`skipped ${item.kind}`, item.reason);
    const { workspaceId, ...result } = await receiveInboundChange(db, change);
    if (!workspaceId) {
      log("unknown phone_number_id", change.phoneNumberId);
      continue;
    }
    for (const reason of result.deadLetters) log("kept as a dead letter", reason);
    addToOutcome(outcome, result);
  }
  return outcome;
}
