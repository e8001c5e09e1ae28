"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { assignConversation } from "@/lib/assignment/manual";
import { resumeBots } from "@/lib/bots/pause";
import { storeAgentReply } from "@/lib/composition/agent-reply";
import type { Db } from "@/lib/db/client";
import { setConversationStatus } from "@/lib/inbox/conversation-status";
import { claimRetry, deliver, TEXT_MAX_LENGTH, type StoredText } from "@/lib/inbox/outbound";
import { markConversationRead } from "@/lib/inbox/queries";
import type { ChatMessage } from "@/lib/inbox/types";
import { publish } from "@/lib/realtime/publish";

// Ids are plain strings here on purpose: a malformed or foreign id answers
// not_found from lib/inbox/access.ts, the same as an id of another workspace.
const id = z.string().max(100);

/**
 * Publishes the stored message's events, then hands it to WhatsApp and
 * publishes the outcome: other tabs show the pending message while Meta answers.
 */
async function sendStored(db: Db, stored: StoredText): Promise<ChatMessage> {
  await publish(stored.events);
  const sent = await deliver(db, stored.delivery);
  await publish(sent.events);
  return sent.message;
}

/** Sends a text; a WhatsApp refusal comes back as the stored message with status "failed" and its error. */
export const sendMessageAction = action(
  {
    name: "sendMessage",
    permission: "inbox:use",
    input: z.object({
      conversationId: id,
      text: z
        .string()
        .trim()
        .min(1, { error: "validation.message_required" })
        .max(TEXT_MAX_LENGTH, { error: "validation.message_too_long" }),
    }),
  },
  async ({ db, member }, input) => sendStored(db, await storeAgentReply(db, member, input)),
);

export const retryMessageAction = action(
  { name: "retryMessage", permission: "inbox:use", input: z.object({ messageId: id }) },
  async ({ db, member }, input) => sendStored(db, await claimRetry(db, member, input.messageId)),
);

export const resolveConversationAction = action(
  { name: "resolveConversation", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => {
    const { detail, events } = await setConversationStatus(db, member, input.conversationId, "resolved");
    await publish(events);
    return detail;
  },
);

export const reopenConversationAction = action(
  { name: "reopenConversation", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => {
    const { detail, events } = await setConversationStatus(db, member, input.conversationId, "open");
    await publish(events);
    return detail;
  },
);

export const markConversationReadAction = action(
  { name: "markConversationRead", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => {
    await publish((await markConversationRead(db, member, input.conversationId)).events);
  },
);

/**
 * Assigns, reassigns or unassigns (toUserId null). Returns the conversation as
 * the member now sees it, or null when handing it off took it out of their sight.
 */
export const assignConversationAction = action(
  { name: "assignConversation", permission: "inbox:assign", input: z.object({ conversationId: id, toUserId: id.nullable() }) },
  async ({ db, member }, input) => {
    const { detail, events } = await assignConversation(db, member, input);
    await publish(events);
    return detail;
  },
);

/** "Resume bots": lifts the Stop Bot and assistant pauses of a chat the member may see. */
export const resumeBotsAction = action(
  { name: "resumeBots", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => {
    await publish((await resumeBots(db, member, input.conversationId)).events);
  },
);
