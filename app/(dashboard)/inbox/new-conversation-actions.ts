"use server";

import { action } from "@/lib/actions/safe-action";
import { checkNewConversationNumber, checkNumberSchema, startConversation, startConversationSchema, type CheckedNumber } from "@/lib/composition/start-conversation";
import { deliver } from "@/lib/inbox/outbound";
import type { ChatMessage } from "@/lib/inbox/types";
import { publish } from "@/lib/realtime/publish";

/** "New conversation", first step: reads the number and finds the customer's thread the member may open. */
export const checkNewConversationNumberAction = action(
  { name: "checkNewConversationNumber", permission: "inbox:use", input: checkNumberSchema },
  async ({ db, member }, input): Promise<CheckedNumber> => checkNewConversationNumber(db, member, input.phone),
);

/**
 * Starts a conversation with a phone number by sending an approved template: the contact and the
 * thread (assigned to the member) and the message are stored and published, then WhatsApp is asked;
 * a refusal comes back as the stored message, failed with its reason, in the new thread.
 */
export const startConversationAction = action(
  { name: "startConversation", permission: "inbox:use", input: startConversationSchema },
  async ({ db, member }, input): Promise<{ conversationId: string; message: ChatMessage }> => {
    const started = await startConversation(db, member, input);
    await publish(started.stored.events);
    const sent = await deliver(db, started.stored.delivery);
    await publish(sent.events);
    return { conversationId: started.conversationId, message: sent.message };
  },
);
