import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executePrepared } from "@/lib/db/prepared";
import { assistantSection, type AssistantSettings } from "@/lib/bots/assistant-settings";
import { stopBotSection, type StopBotSettings } from "@/lib/bots/stop-bot-settings";
import { webhookForwardingSection, type WebhookForwardingSettings } from "@/lib/forwarding/settings";
import type { AutoLeadSettings } from "@/lib/settings/auto-lead";
import { autoLeadSection } from "@/lib/settings/auto-lead";
import { parseStoredSettings } from "@/lib/settings/stored-section";
import { supportAgentSection, type SupportAgentSettings } from "@/lib/settings/support-agent";
import { conversationChannels, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { messageTime } from "@/lib/whatsapp/sanitize";
import type { ParsedChange } from "@/lib/whatsapp/webhook-payload";
import { dataErrorReason, keepDeadLetter } from "./dead-letters";
import { applyStatus } from "./statuses";
import { prepareMessage, storeMessage, type PreparedMessage } from "./store-message";

export type ReceiveOutcome = {
  workspaceId: string | null;
  stored: number;
  duplicates: number;
  statusesApplied: number;
  /** Items kept as dead letters (lib/inbox/dead-letters.ts), each with its reason. */
  deadLetters: string[];
  /** Published by the caller after the response: never inside a transaction. */
  events: RealtimeEvent[];
  jobsEnqueued: number;
  /** The earliest assistant reply scheduled, so the caller can run it on time. */
  nextReplyAt: Date | null;
};

/** The settings sections the inbound path reads, all in the statement that finds the workspace. */
const INBOUND_SECTIONS = [supportAgentSection, autoLeadSection, webhookForwardingSection, stopBotSection, assistantSection];

export type InboundSettings = {
  supportAgent: SupportAgentSettings;
  autoLead: AutoLeadSettings;
  forwarding: WebhookForwardingSettings;
  stopBot: StopBotSettings;
  assistant: AssistantSettings;
};

/** The workspace owning a number, with the settings the inbound path needs, in one query. */
export async function workspaceForPhoneNumber(db: Db, phoneNumberId: string): Promise<({ workspaceId: string } & InboundSettings) | null> {
  const keys = INBOUND_SECTIONS.map((section) => section.key);
  const [row] = await executePrepared<{ workspace_id: string; sections: Record<string, Record<string, unknown>> | null }>(
    db,
    sql`
      select c.workspace_id,
             (select jsonb_object_agg(s.section, s.value) from settings s
              where s.workspace_id = c.workspace_id and s.section in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})) as sections
      from whatsapp_channels c where c.phone_number_id = ${phoneNumberId}`,
  );
  if (!row) return null;
  const stored = row.sections ?? {};
  const id = row.workspace_id;
  return {
    workspaceId: id,
    supportAgent: parseStoredSettings(supportAgentSection, id, stored[supportAgentSection.key]),
    autoLead: parseStoredSettings(autoLeadSection, id, stored[autoLeadSection.key]),
    forwarding: parseStoredSettings(webhookForwardingSection, id, stored[webhookForwardingSection.key]),
    stopBot: parseStoredSettings(stopBotSection, id, stored[stopBotSection.key]),
    assistant: parseStoredSettings(assistantSection, id, stored[assistantSection.key]),
  };
}

/**
 * Stores one webhook change (the messages and statuses of one business
 * number). Each message is stored atomically on its own, so a failure leaves
 * earlier messages stored and no message half-stored. A message whose VALUES
 * cannot be stored becomes a dead letter and the next one is stored: one odd
 * message never costs its neighbours. Any other failure propagates: the
 * delivery is answered 5xx, Meta's retry stores the rest, and what was
 * already stored is recognised by its wamid.
 */
export async function receiveChange(db: Db, change: ParsedChange, now = new Date()): Promise<ReceiveOutcome> {
  const owner = await workspaceForPhoneNumber(db, change.phoneNumberId);
  const workspaceId = owner?.workspaceId ?? null;
  const outcome: ReceiveOutcome = { workspaceId, stored: 0, duplicates: 0, statusesApplied: 0, deadLetters: [], events: [], jobsEnqueued: 0, nextReplyAt: null };
  if (!owner || !workspaceId) return outcome;
  const deadLetter = async (raw: unknown, reason: string) => {
    await keepDeadLetter(db, workspaceId, raw, reason);
    outcome.deadLetters.push(reason);
  };

  for (const { raw, reason } of change.refused) await deadLetter(raw, reason);
  const timed = change.messages.map((item) => ({ ...item, time: messageTime(item.message.timestamp, now) }));
  const ordered = timed.sort((a, b) => a.time.at.getTime() - b.time.at.getTime());
  for (const { message, raw, cut, time } of ordered) {
    let statement: PreparedMessage;
    try {
      statement = prepareMessage(workspaceId, owner, message, change.profileNames.get(message.from) ?? null, time, now);
    } catch (error) {
      // Only our own handling of the values runs here (no I/O): whatever it throws, it would throw again.
      await deadLetter(raw, "invalid_value");
      console.warn("[whatsapp-webhook] message kept as a dead letter:", error);
      continue;
    }
    let stored: Awaited<ReturnType<typeof storeMessage>>;
    try {
      stored = await storeMessage(db, workspaceId, owner.supportAgent, statement);
    } catch (error) {
      const reason = dataErrorReason(error);
      if (!reason) throw error;
      await deadLetter(raw, reason);
      continue;
    }
    // Stored without its too-deep part: the message as it came is kept beside it.
    if (cut) await deadLetter(raw, "payload_too_deep");
    if (stored) {
      outcome.stored++;
      outcome.events.push(...stored.events);
      outcome.jobsEnqueued += stored.jobsEnqueued;
      if (stored.replyAt && (!outcome.nextReplyAt || stored.replyAt < outcome.nextReplyAt)) outcome.nextReplyAt = stored.replyAt;
    } else {
      outcome.duplicates++;
    }
  }
  for (const { status, raw } of change.statuses) {
    let updated: Awaited<ReturnType<typeof applyStatus>>;
    try {
      updated = await applyStatus(db, workspaceId, status);
    } catch (error) {
      const reason = dataErrorReason(error);
      if (!reason) throw error;
      await deadLetter(raw, reason);
      continue;
    }
    if (updated) {
      outcome.statusesApplied++;
      const { assigneeId, ...data } = updated;
      outcome.events.push(...eventsFor(conversationChannels(workspaceId, owner.supportAgent.restrictToAssigned, assigneeId), "message.updated", data));
    }
  }
  return outcome;
}
