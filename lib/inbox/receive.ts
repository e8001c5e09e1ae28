import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executePrepared } from "@/lib/db/prepared";
import { conversationChannels, eventsFor } from "@/lib/realtime/audience";
import { parseStoredSettings } from "@/lib/settings/stored-section";
import { supportAgentSection, type SupportAgentSettings } from "@/lib/settings/support-agent";
import { messageTime } from "@/lib/whatsapp/sanitize";
import type { ParsedChange } from "@/lib/whatsapp/webhook-payload";
import { dataErrorReason, keepDeadLetter } from "./dead-letters";
import { addToOutcome, emptyOutcome, type InboundOutcome } from "./inbound-outcome";
import { parsePipelineSettings, type Pipeline, type PipelineSettings } from "./pipeline";
import { applyStatus } from "./statuses";
import { prepareMessage, storeMessage, type PreparedMessage } from "./store-message";

type Owner = { workspaceId: string; settings: PipelineSettings; supportAgent: SupportAgentSettings };

/** The workspace owning a number, with every settings section the pipeline reads, in one query. */
export async function workspaceForPhoneNumber(db: Db, pipeline: Pipeline, phoneNumberId: string): Promise<Owner | null> {
  const keys = new Set([supportAgentSection.key, ...pipeline.sections.map((section) => section.key)]);
  const [row] = await executePrepared<{ workspace_id: string; sections: Record<string, Record<string, unknown>> | null }>(
    db,
    sql`
      select c.workspace_id,
             (select jsonb_object_agg(s.section, s.value) from settings s
              where s.workspace_id = c.workspace_id and s.section in (${sql.join([...keys].map((k) => sql`${k}`), sql`, `)})) as sections
      from whatsapp_channels c where c.phone_number_id = ${phoneNumberId}`,
  );
  if (!row) return null;
  const stored = row.sections ?? {};
  return {
    workspaceId: row.workspace_id,
    settings: parsePipelineSettings(pipeline, row.workspace_id, stored),
    // Statuses need it too: who sees the updated message.
    supportAgent: parseStoredSettings(supportAgentSection, row.workspace_id, stored[supportAgentSection.key]),
  };
}

/**
 * Stores one webhook change (the messages and statuses of one business
 * number) through the pipeline. Each message is stored atomically on its
 * own, so a failure leaves earlier messages stored and no message
 * half-stored. A message whose VALUES cannot be stored becomes a dead letter
 * and the next one is stored: one odd message never costs its neighbours.
 * Any other failure propagates: the delivery is answered 5xx, Meta's retry
 * stores the rest, and what was already stored is recognised by its wamid.
 * `workspaceId` is null when no workspace owns the number.
 */
export async function receiveChange(db: Db, pipeline: Pipeline, change: ParsedChange, now = new Date()): Promise<InboundOutcome & { workspaceId: string | null }> {
  const owner = await workspaceForPhoneNumber(db, pipeline, change.phoneNumberId);
  const outcome = emptyOutcome();
  if (!owner) return { ...outcome, workspaceId: null };
  const { workspaceId, settings } = owner;
  const deadLetter = async (raw: unknown, reason: string) => {
    await keepDeadLetter(db, workspaceId, raw, reason);
    outcome.deadLetters.push(reason);
  };

  for (const { raw, reason } of change.refused) await deadLetter(raw, reason);
  const timed = change.messages.map((item) => ({ ...item, time: messageTime(item.message.timestamp, now) }));
  const ordered = timed.sort((a, b) => a.time.at.getTime() - b.time.at.getTime());
  for (const { message, raw, cut, time } of ordered) {
    let prepared: PreparedMessage;
    try {
      prepared = prepareMessage(pipeline, settings, workspaceId, message, change.profileNames.get(message.from) ?? null, time, now);
    } catch (error) {
      // Only our own handling of the values runs here (no I/O): whatever it throws, it would throw again.
      await deadLetter(raw, "invalid_value");
      console.warn("[whatsapp-webhook] message kept as a dead letter:", error);
      continue;
    }
    let effects: Awaited<ReturnType<typeof storeMessage>>;
    try {
      effects = await storeMessage(db, pipeline, settings, prepared);
    } catch (error) {
      const reason = dataErrorReason(error);
      if (!reason) throw error;
      await deadLetter(raw, reason);
      continue;
    }
    // Stored without its too-deep part: the message as it came is kept beside it.
    if (cut) await deadLetter(raw, "payload_too_deep");
    if (effects) addToOutcome(outcome, { stored: 1, ...effects });
    else outcome.duplicates++;
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
      const { assigneeId, ...data } = updated;
      addToOutcome(outcome, {
        statuses: 1,
        events: eventsFor(conversationChannels(workspaceId, owner.supportAgent.restrictToAssigned, assigneeId), "message.updated", data),
      });
    }
  }
  return { ...outcome, workspaceId };
}
