import { pickAgentStep, recordAssignmentStep } from "@/lib/assignment/inbound-steps";
import { assistantReplyStep, botPauseStep } from "@/lib/bots/on-inbound";
import { ruleBotTurnStep } from "@/lib/bots/rules/on-inbound";
import type { Db } from "@/lib/db/client";
import { forwardingStep } from "@/lib/forwarding/on-inbound";
import { contactStep, conversationStep, messageStep, reactionStep } from "@/lib/inbox/inbound-steps";
import { composePipeline } from "@/lib/inbox/pipeline";
import { receiveChange } from "@/lib/inbox/receive";
import { autoLeadStep } from "@/lib/leads/auto-lead";
import type { ParsedChange } from "@/lib/whatsapp/webhook-payload";

/**
 * What one inbound customer message does, in order, as one statement: the
 * contact and the message (the gate: a duplicate stores nothing and nothing
 * after it acts), the agent the chat would get and the bot pause a stop
 * keyword starts (both read by the conversation's upsert), the conversation,
 * the assignment's record, the auto lead, the forwarding job, the
 * rule bots' turn (lib/bots/rules), the assistant's reply (or its cancellation), and a reaction's target.
 * Checked when this module loads: a step reading what no earlier step
 * defines stops the server from starting.
 */
export const INBOUND_PIPELINE = composePipeline([
  contactStep,
  messageStep,
  pickAgentStep,
  botPauseStep,
  conversationStep,
  recordAssignmentStep,
  autoLeadStep,
  forwardingStep,
  ruleBotTurnStep,
  assistantReplyStep,
  reactionStep,
]);

/** One webhook change through the product's pipeline. */
export function receiveInboundChange(db: Db, change: ParsedChange, now = new Date()) {
  return receiveChange(db, INBOUND_PIPELINE, change, now);
}
