import type { Db } from "@/lib/db/client";
import { addToOutcome, emptyOutcome, type InboundOutcome } from "@/lib/inbox/inbound-outcome";
import { applyTemplateStatusChange, parseTemplateStatusChanges, TEMPLATE_STATUS_FIELD } from "@/lib/templates/status-webhook";
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
  for (const reason of skipped) if (reason !== `field ${TEMPLATE_STATUS_FIELD}`) log("skipped", reason);
  const outcome = emptyOutcome();
  // Template status changes name the WhatsApp Business Account (entry.id), not a number.
  const templates = parseTemplateStatusChanges(body);
  for (const reason of templates.skipped) log("skipped", reason);
  for (const change of templates.changes) {
    const { workspaces, jobsEnqueued } = await applyTemplateStatusChange(db, change);
    if (workspaces === 0) log("unknown WhatsApp Business Account", change.wabaId);
    addToOutcome(outcome, { jobsEnqueued });
  }
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
