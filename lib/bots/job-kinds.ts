import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/kind";

/** The AI Assistant's reply to a chat; one pending per conversation (the dedupe key), shared by a burst of messages. */
export const assistantReplyKind = defineJobKind("assistant-reply", z.object({ conversationId: z.uuid() }));
export const ASSISTANT_REPLY_KIND = assistantReplyKind.name;
