"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { assignConversation } from "@/lib/assignment/manual";
import { resumeBots } from "@/lib/bots/pause";
import { markConversationRead } from "@/lib/inbox/queries";
import { setConversationStatus } from "@/lib/inbox/conversation-status";
import { TEXT_MAX_LENGTH, retryMessage, sendText } from "@/lib/inbox/outbound";

// Ids are plain strings here on purpose: a malformed or foreign id answers
// not_found from lib/inbox/access.ts, the same as an id of another workspace.
const id = z.string().max(100);

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
  async ({ db, member }, input) => sendText(db, member, input),
);

export const retryMessageAction = action(
  { name: "retryMessage", permission: "inbox:use", input: z.object({ messageId: id }) },
  async ({ db, member }, input) => retryMessage(db, member, input.messageId),
);

export const resolveConversationAction = action(
  { name: "resolveConversation", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => setConversationStatus(db, member, input.conversationId, "resolved"),
);

export const reopenConversationAction = action(
  { name: "reopenConversation", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => setConversationStatus(db, member, input.conversationId, "open"),
);

export const markConversationReadAction = action(
  { name: "markConversationRead", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => markConversationRead(db, member, input.conversationId),
);

/**
 * Assigns, reassigns or unassigns (toUserId null). Returns the conversation as
 * the member now sees it, or null when handing it off took it out of their sight.
 */
export const assignConversationAction = action(
  { name: "assignConversation", permission: "inbox:assign", input: z.object({ conversationId: id, toUserId: id.nullable() }) },
  async ({ db, member }, input) => assignConversation(db, member, input),
);

/** "Resume bots": lifts the Stop Bot and assistant pauses of a chat the member may see. */
export const resumeBotsAction = action(
  { name: "resumeBots", permission: "inbox:use", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => resumeBots(db, member, input.conversationId),
);
