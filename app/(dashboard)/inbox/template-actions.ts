"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { storeAgentTemplateReply } from "@/lib/composition/agent-template";
import { deliver } from "@/lib/inbox/outbound";
import type { ChatMessage } from "@/lib/inbox/types";
import { publish } from "@/lib/realtime/publish";
import { templateValuesSchema } from "@/lib/templates/send";

/**
 * Sends an approved template to a chat the member may see, open window or
 * not. Like a text: stored as pending and published, then handed to WhatsApp;
 * a refusal comes back as the stored message with status "failed" and its error.
 */
export const sendTemplateAction = action(
  {
    name: "sendTemplate",
    permission: "inbox:use",
    // Ids as plain strings: a malformed or foreign one answers not_found, as another workspace's does.
    input: z.object({ conversationId: z.string().max(100), templateId: z.string().max(100) }).and(templateValuesSchema),
  },
  async ({ db, member }, input): Promise<ChatMessage> => {
    const stored = await storeAgentTemplateReply(db, member, input);
    await publish(stored.events);
    const sent = await deliver(db, stored.delivery);
    await publish(sent.events);
    return sent.message;
  },
);
