import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { botConversationRuns, contacts, conversations, messageBots, messages, workspaces } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { enqueueForwarding } from "@/lib/forwarding/enqueue";
import { deliver, resendable, storeOutboundMessage } from "@/lib/inbox/outbound";
import { INTERRUPTED_SEND } from "@/lib/inbox/send-errors";
import { isWindowOpen } from "@/lib/inbox/service-window";
import { GiveUp, type Job, type JobDefinition } from "@/lib/jobs/runner";
import { audienceOfConversation, conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { prepareTemplate } from "@/lib/templates/send";
import { getChannelCredentials } from "@/lib/whatsapp/channel";
import { applyBotActions } from "./actions";
import { botReplyKind } from "./job-kinds";
import { enabledRuleBot } from "./load";
import { fillBotText, type RenderedReply, renderFreeForm } from "./render";

export type BotReplySilence = "gone" | "paused" | "window_closed" | "empty";

export type BotReplyOutcome =
  | { sent: true; messageId: string; status: string; events: RealtimeEvent[] }
  | { sent: false; reason: BotReplySilence | "interrupted" | "already_sent"; messageId?: string; events: RealtimeEvent[] };

type Payload = { conversationId: string; botId: string };
type MessageRow = typeof messages.$inferSelect;

/** The message a run of this job stored (its `botKey` is the job's id), if any. */
async function storedReply(db: Db, workspaceId: string, conversationId: string, key: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), sql`${messages.payload}->>'botKey' = ${key}`));
  return row;
}

/** A template reply: the workspace's approved template with the bot's values, variables filled. Refused values end the job. */
async function renderTemplate(tx: Db, workspaceId: string, reply: { templateId: string; params: Record<string, string>; headerLink: string }, values: Parameters<typeof fillBotText>[1]) {
  const params = Object.fromEntries(Object.entries(reply.params).map(([key, value]) => [key, fillBotText(value, values)]));
  try {
    const prepared = await prepareTemplate(tx, workspaceId, reply.templateId, { params, headerMedia: reply.headerLink ? { link: reply.headerLink } : null });
    return { prepared, rendered: { type: "template", text: prepared.rendered.body, payload: { template: prepared.payload } } as const };
  } catch (error) {
    if (error instanceof FieldErrors) {
      const fields = Object.entries(error.fields).map(([field, problem]) => `${field}: ${problem.key}`);
      throw new GiveUp(`the bot's template cannot be sent: ${fields.join(", ")}`);
    }
    if (error instanceof AppError) throw new GiveUp(`the bot's template cannot be sent: ${error.code}`);
    throw error;
  }
}

/**
 * Sends the stored reply, once. The mark `sendStartedAt` is committed before
 * WhatsApp is called: a run that finds its reply still pending WITH the mark
 * was cut off during a send whose fate we cannot know, so the reply is
 * marked failed ("interrupted"; the chat offers a manual retry) rather than
 * sent again; WITHOUT the mark it was never sent, and is sent now.
 */
async function sendStored(db: Db, job: Job<Payload>, row: MessageRow, now: Date): Promise<BotReplyOutcome> {
  const { workspaceId } = job;
  const { conversationId } = job.payload;
  if (row.status !== "pending") return { sent: false, reason: "already_sent", messageId: row.id, events: [] };
  if (row.payload?.sendStartedAt) {
    const failed = await db
      .update(messages)
      .set({ status: "failed", error: INTERRUPTED_SEND, updatedAt: now })
      .where(and(eq(messages.id, row.id), eq(messages.status, "pending")))
      .returning({ id: messages.id });
    const events = failed.length
      ? eventsFor(await audienceOfConversation(db, workspaceId, conversationId), "message.updated", { conversationId, messageId: row.id, status: "failed" })
      : [];
    return { sent: false, reason: "interrupted", messageId: row.id, events };
  }
  const content = resendable(row);
  if (!content) throw new GiveUp("the stored reply cannot be sent");
  const credentials = await getChannelCredentials(db, workspaceId);
  if (!credentials) throw new GiveUp("the WhatsApp channel is not connected");
  const [conversation] = await db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId));
  const [contact] = conversation ? await db.select({ waId: contacts.waId }).from(contacts).where(eq(contacts.id, conversation.contactId)) : [];
  if (!contact) throw new GiveUp("the conversation is gone");
  const marked = await db
    .update(messages)
    .set({ payload: sql`coalesce(${messages.payload}, '{}'::jsonb) || jsonb_build_object('sendStartedAt', ${now.toISOString()}::text)` })
    .where(and(eq(messages.id, row.id), eq(messages.status, "pending"), sql`not (coalesce(${messages.payload}, '{}'::jsonb) ? 'sendStartedAt')`))
    .returning({ id: messages.id });
  // Another run marked it first: that run sends it.
  if (!marked.length) return { sent: false, reason: "already_sent", messageId: row.id, events: [] };
  const sent = await deliver(db, { messageId: row.id, conversationId, workspaceId, to: contact.waId, credentials, ...content });
  return { sent: true, messageId: row.id, status: sent.message.status, events: sent.events };
}

/**
 * A rule bot's reply, the outbox way. One transaction holding the
 * conversation row checks everything again (the bot still on, the chat's
 * bots not paused, the 24-hour window open for a free-form reply; a
 * template goes regardless), stores the reply as a pending message of the
 * bot, counts it, applies the bot's actions and enqueues its forwarding;
 * then the stored reply is sent (sendStored). A retried run finds the
 * message by the job's id and only finishes its sending.
 */
export async function runBotReply(job: Job<Payload>, { db, now: clock }: { db: Db; now: () => Date }): Promise<BotReplyOutcome> {
  const { workspaceId } = job;
  const { conversationId, botId } = job.payload;
  const now = clock();
  const earlier = await storedReply(db, workspaceId, conversationId, job.id);
  if (earlier) return sendStored(db, job, earlier, now);

  const stored = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
      .for("update");
    if (!conversation) return { silenced: "gone" as const };
    // Looked up again under the lock: a run that stored it and died before sending left it for this one.
    const again = await storedReply(tx, workspaceId, conversationId, job.id);
    if (again) return { row: again };
    const bot = await enabledRuleBot(tx, workspaceId, botId);
    if (!bot) throw new GiveUp("the bot was deleted, switched off or no longer parses");
    if (conversation.botsPausedUntil && conversation.botsPausedUntil > now) return { silenced: "paused" as const };
    if (bot.reply.kind !== "template" && !isWindowOpen(conversation, now)) return { silenced: "window_closed" as const };

    const [contact] = await tx.select({ profileName: contacts.profileName }).from(contacts).where(eq(contacts.id, conversation.contactId));
    const [workspace] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const values = { contactName: contact?.profileName ?? null, businessName: workspace?.name ?? null };
    const rendered: { type: RenderedReply["type"] | "template"; text: string; payload: Record<string, unknown>; preview?: string } =
      bot.reply.kind === "template" ? (await renderTemplate(tx, workspaceId, bot.reply, values)).rendered : renderFreeForm(bot.id, bot.reply, values);
    if (rendered.type === "text" && !rendered.text) return { silenced: "empty" as const };

    const messageId = await storeOutboundMessage(tx, conversation, {
      sender: "bot",
      authorUserId: null,
      botId: bot.id,
      type: rendered.type,
      text: rendered.text || null,
      payload: { ...rendered.payload, botKey: job.id },
      preview: rendered.preview,
      now,
    });
    const [message] = await tx.select().from(messages).where(eq(messages.id, messageId));
    await tx
      .insert(botConversationRuns)
      .values({ botId: bot.id, conversationId, workspaceId, lastSentAt: now })
      .onConflictDoUpdate({ target: [botConversationRuns.botId, botConversationRuns.conversationId], set: { lastSentAt: now } });
    await tx
      .update(messageBots)
      .set({ sentCount: sql`${messageBots.sentCount} + 1` })
      .where(eq(messageBots.id, bot.id));
    const actionEvents = await applyBotActions(tx, conversation, bot.actions, now);
    await enqueueForwarding(tx, workspaceId, message!.id, now);
    const audience = await conversationAudience(tx, workspaceId, conversation.assignedUserId);
    const events = [
      ...eventsFor(audience, "message.created", { conversationId, messageId: message!.id, direction: "outbound", sender: "bot", authorUserId: null }),
      ...eventsFor(audience, "conversation.updated", { conversationId }),
      ...actionEvents,
    ];
    return { row: message!, events };
  });
  if ("silenced" in stored) return { sent: false, reason: stored.silenced!, events: [] };
  const outcome = await sendStored(db, job, stored.row, now);
  return { ...outcome, events: [...(stored.events ?? []), ...outcome.events] };
}

export const botReplyJob: JobDefinition<BotReplyOutcome, Payload> = {
  kind: botReplyKind.name,
  payload: botReplyKind.payload,
  /** WhatsApp's send (10 s) and a few seconds of reads and writes. */
  timeoutMs: 20_000,
  backoff: { baseMs: 10_000, maxMs: 60_000 },
  maxAttempts: 4,
  run: runBotReply,
};
