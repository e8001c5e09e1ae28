import type { SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from "@/lib/db/errors";
import { executePrepared } from "@/lib/db/prepared";
import { messageContent } from "@/lib/whatsapp/message-content";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";
import { pipelineEffects, pipelineStatement, type InboundContext, type Pipeline, type PipelineSettings, type StepEffects } from "./pipeline";

export type PreparedMessage = { statement: SQL; context: InboundContext };

/**
 * The ONE statement that stores an inbound message and runs the pipeline's
 * automations on it (lib/inbox/pipeline.ts). Pure (no I/O): what it throws
 * comes from the message's values. A time replaced by the time of receipt
 * keeps the value Meta sent in the payload, as `original_timestamp`.
 */
export function prepareMessage(
  pipeline: Pipeline,
  settings: PipelineSettings,
  workspaceId: string,
  message: InboundMessage,
  profileName: string | null,
  time: { at: Date; replaced: boolean },
  now: Date,
): PreparedMessage {
  const content = messageContent(message);
  if (time.replaced) content.payload = { ...content.payload, original_timestamp: message.timestamp ?? null };
  const context: InboundContext = {
    workspaceId,
    message,
    content,
    counts: message.type !== "reaction",
    sentAt: time.at.toISOString(),
    now,
    // Bounded: a realtime event over 10 KB is refused by Pusher, with the others of its batch.
    contactName: (profileName ?? message.from).slice(0, 200),
    profileName,
  };
  return { statement: pipelineStatement(pipeline, settings, context), context };
}

/** Runs a prepared message's statement; returns what its steps ask for once it committed, or null for a duplicate. */
export async function storeMessage(db: Db, pipeline: Pipeline, settings: PipelineSettings, { statement, context }: PreparedMessage): Promise<Required<StepEffects> | null> {
  const [row] = await executeRacingNewConversation<Record<string, unknown>>(db, statement);
  if (!row) return null;
  return pipelineEffects(pipeline, settings, context, row);
}

/**
 * Two first messages of a new contact stored at the same instant each pick a
 * fresh conversation id; the second statement then finds the first's
 * conversation on insert and fails its foreign key at the end, storing
 * nothing. Run again, it sees the committed conversation and succeeds, so a
 * burst of messages from a new customer never costs Meta a retry.
 */
async function executeRacingNewConversation<T>(db: Db, statement: SQL): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await executePrepared<T>(db, statement);
    } catch (error) {
      if (attempt >= 3 || pgErrorCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
}
