import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { channelOf, contactWaId, deliver, storeOutboundText, TEXT_MAX_LENGTH } from "@/lib/inbox/outbound";
import { isWindowOpen } from "@/lib/inbox/service-window";
import type { ChatMessage } from "@/lib/inbox/types";
import { botsPausedUntil } from "@/lib/inbox/bots-paused";

export type BotSilence = "paused" | "window_closed" | "answered" | "gone";

/**
 * Why a bot must not answer this conversation now, or null when it may:
 * bots or the assistant paused, the 24-hour window closed, or nothing left
 * to answer (no customer message after the last one we sent, which also
 * covers an agent who answered meanwhile).
 */
export async function botSilence(db: Db, conversation: typeof conversations.$inferSelect | undefined, now: Date): Promise<BotSilence | null> {
  if (!conversation) return "gone";
  if (botsPausedUntil(conversation, now)) return "paused";
  if (!isWindowOpen(conversation, now)) return "window_closed";
  // One query: is there a customer message newer than everything we sent?
  const [unanswered] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.sender, "customer"),
        ne(messages.type, "reaction"),
        sql`${messages.sentAt} > coalesce((select max(o.sent_at) from messages o where o.conversation_id = ${conversation.id} and o.direction = 'outbound'), '-infinity')`,
      ),
    )
    .limit(1);
  return unanswered ? null : "answered";
}

/**
 * Sends a bot's text in a conversation, marked as the bot's. The check that
 * the bot may still answer and the insert of the message happen in one
 * transaction holding the conversation row, which the webhook's statement
 * also updates: a stop keyword stored before it wins, one stored after it
 * finds the reply already on its way. `key` (the job's id) makes a retried
 * job find the reply it already stored instead of sending it twice. The
 * events of storing and of sending come back together, for the job to publish.
 */
export async function sendBotReply(
  db: Db,
  input: { workspaceId: string; conversationId: string; text: string; key: string; now: Date },
): Promise<{ sent: ChatMessage; events: RealtimeEvent[] } | { silenced: BotSilence }> {
  const body = Array.from(input.text.trim()).slice(0, TEXT_MAX_LENGTH).join("");
  const credentials = await channelOf(db, input.workspaceId);
  const stored = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, input.workspaceId)))
      .for("update");
    const [earlier] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, input.conversationId), sql`${messages.payload}->>'botKey' = ${input.key}`));
    if (earlier) return { silenced: "answered" as const };
    const silence = await botSilence(tx, conversation, input.now);
    if (silence || !conversation) return { silenced: silence ?? ("gone" as const) };
    const to = await contactWaId(tx, conversation);
    const messageId = await storeOutboundText(tx, conversation, { sender: "bot", authorUserId: null, body, now: input.now, payload: { botKey: input.key } });
    return { silenced: null, messageId, to, assignedUserId: conversation.assignedUserId };
  });
  if (stored.silenced) return { silenced: stored.silenced };

  const audience = await conversationAudience(db, input.workspaceId, stored.assignedUserId);
  const storedEvents = [
    ...eventsFor(audience, "message.created", { conversationId: input.conversationId, messageId: stored.messageId, direction: "outbound", sender: "bot", authorUserId: null }),
    ...eventsFor(audience, "conversation.updated", { conversationId: input.conversationId }),
  ];
  const sent = await deliver(db, { messageId: stored.messageId, conversationId: input.conversationId, workspaceId: input.workspaceId, to: stored.to, body, credentials });
  return { sent: sent.message, events: [...storedEvents, ...sent.events] };
}
