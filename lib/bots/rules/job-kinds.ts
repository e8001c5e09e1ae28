import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/kind";

/**
 * A rule-bot turn: reads the customer messages no turn has read yet and
 * decides which one bot (if any) answers them. One pending per conversation
 * (the dedupe key), so a burst of messages is read by one turn.
 */
export const botTurnKind = defineJobKind("bot-turn", z.object({ conversationId: z.uuid() }));

/** One rule bot's reply to a conversation (the outbox of that reply); one pending per conversation. */
export const botReplyKind = defineJobKind("bot-reply", z.object({ conversationId: z.uuid(), botId: z.uuid() }));
