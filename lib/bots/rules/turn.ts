import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { botConversationRuns, conversations, leads, messageBots, workspaces } from "@/lib/db/schema";
import { businessHoursSection, isKnownTimeZone, isOpenAt } from "@/lib/business-hours/schedule";
import { cancelPendingJobs, enqueueJob } from "@/lib/jobs/queue";
import type { Job, JobDefinition } from "@/lib/jobs/runner";
import { getSettings } from "@/lib/settings/stored-section";
import { assistantSection } from "../assistant-settings";
import { assistantReplyKind } from "../job-kinds";
import { type ContactKind, decideTurn, type TurnMessage } from "./decide";
import { botReplyKind, botTurnKind } from "./job-kinds";
import { enabledRuleBots } from "./load";

const DEFAULT_TIME_ZONE = "America/Sao_Paulo";

/**
 * A turn reads no message older than this: when bots are switched on, a
 * chat's older history (bots_read_through still null) is not answered, and
 * a free-form reply could not be sent after the 24-hour window anyway.
 */
const READ_BACK = "24 hours";

export type TurnOutcome =
  | { answered: true; botId: string; trigger: string; replyJobId: string | null; read: number }
  | { answered: false; reason: "gone" | "nothing_new" | "paused" | "no_match"; read: number; assistantJobId?: string | null };

type UnreadRow = { id: string; text: string | null; payload: Record<string, unknown> | null; first: boolean };

function replyIdOf(payload: Record<string, unknown> | null): string | null {
  const interactive = payload?.interactive;
  if (!interactive || typeof interactive !== "object") return null;
  const { button_reply: button, list_reply: list } = interactive as Record<string, unknown>;
  const reply = (button ?? list) as { id?: unknown } | undefined;
  return typeof reply?.id === "string" ? reply.id : null;
}

async function contactKind(db: Db, workspaceId: string, contactId: string): Promise<ContactKind> {
  const [lead] = await db
    .select({ outcome: leads.outcome })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.contactId, contactId)));
  return lead?.outcome === "won" ? "customer" : "lead";
}

async function isOpen(db: Db, workspaceId: string, now: Date): Promise<boolean> {
  const hours = await getSettings(db, workspaceId, businessHoursSection);
  const [workspace] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const timeZone = workspace && isKnownTimeZone(workspace.timeZone) ? workspace.timeZone : DEFAULT_TIME_ZONE;
  return isOpenAt(hours, timeZone, now);
}

/**
 * One bot turn of a conversation, in one transaction holding the
 * conversation row (which the webhook's statement also takes, so a message
 * is either stored before the turn reads or gets a turn of its own): reads
 * every counting customer message after `bots_read_through` (the database's
 * clock, so a burst is read together and no message twice), moves the mark
 * past them, decides which bot answers (decide.ts), counts the button taps
 * and schedules the bot's reply, or the assistant's when no bot matched.
 */
export async function runBotTurn(job: Job<{ conversationId: string }>, { db, now: clock }: { db: Db; now: () => Date }): Promise<TurnOutcome> {
  const { workspaceId } = job;
  const { conversationId } = job.payload;
  const now = clock();
  return db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
      .for("update");
    if (!conversation) return { answered: false, reason: "gone", read: 0 };

    const unread = rowsOf<UnreadRow>(
      await tx.execute(sql`
        with unread as (
          select m.id, m.text, m.payload, m.created_at, m.sent_at, (m.created_at = ct.created_at) as first
          from messages m, contacts ct
          where m.workspace_id = ${workspaceId} and m.conversation_id = ${conversationId} and ct.id = ${conversation.contactId}
            and m.direction = 'inbound' and m.sender = 'customer' and m.type <> 'reaction'
            and m.created_at > coalesce((select bots_read_through from conversations where id = ${conversationId}), '-infinity')
            and m.created_at > now() - interval '${sql.raw(READ_BACK)}'
        ),
        -- Runs whether or not the select reads it (a data-changing CTE always runs to completion).
        moved as (
          update conversations set bots_read_through = (select max(created_at) from unread)
          where id = ${conversationId} and exists (select 1 from unread)
          returning id
        )
        select unread.id, unread.text, unread.payload, unread.first from unread
        order by unread.created_at, unread.sent_at, unread.id`),
    );
    if (unread.length === 0) return { answered: false, reason: "nothing_new", read: 0 };
    const read = unread.length;
    // Messages read during a pause are not answered later: the pause is the customer's or an agent's wish.
    if (conversation.botsPausedUntil && conversation.botsPausedUntil > now) return { answered: false, reason: "paused", read };

    const messages: TurnMessage[] = unread.map((row) => ({ id: row.id, text: row.text, replyId: replyIdOf(row.payload), first: Boolean(row.first) }));
    const runs = await tx
      .select({ botId: botConversationRuns.botId, lastSentAt: botConversationRuns.lastSentAt })
      .from(botConversationRuns)
      .where(and(eq(botConversationRuns.conversationId, conversationId), eq(botConversationRuns.workspaceId, workspaceId)));
    const decision = decideTurn({
      messages,
      bots: await enabledRuleBots(tx, workspaceId),
      contact: await contactKind(tx, workspaceId, conversation.contactId),
      open: await isOpen(tx, workspaceId, now),
      lastSentAt: new Map(runs.map((run) => [run.botId, run.lastSentAt])),
      now,
    });

    const clicks = new Map<string, number>();
    for (const botId of decision.clicks) clicks.set(botId, (clicks.get(botId) ?? 0) + 1);
    for (const [botId, count] of clicks) {
      await tx
        .update(messageBots)
        .set({ clickCount: sql`${messageBots.clickCount} + ${count}` })
        .where(and(eq(messageBots.id, botId), eq(messageBots.workspaceId, workspaceId)));
    }

    if (decision.answer) {
      const { bot, trigger } = decision.answer;
      // The latest turn's bot is the one that answers: a reply still waiting for its delay gives way.
      await cancelPendingJobs(tx, workspaceId, botReplyKind, conversationId, now);
      const replyJobId = await enqueueJob(tx, {
        workspaceId,
        kind: botReplyKind,
        payload: { conversationId, botId: bot.id },
        runAt: new Date(now.getTime() + bot.delaySeconds * 1000),
        dedupeKey: conversationId,
      });
      return { answered: true, botId: bot.id, trigger, replyJobId, read };
    }

    // No rule bot answered: the assistant may, as it would without rule bots (the webhook left it to this turn),
    // at the same time it would have: the delay counts from the turn's due time, the first message of the burst
    // (which the webhook's after() also waits for, see ruleBotTurnStep).
    const assistant = await getSettings(tx, workspaceId, assistantSection);
    const assistantPaused = conversation.assistantPausedUntil !== null && conversation.assistantPausedUntil > now;
    const assistantJobId =
      assistant.enabled && !assistantPaused
        ? await enqueueJob(tx, {
            workspaceId,
            kind: assistantReplyKind,
            payload: { conversationId },
            runAt: new Date(job.runAt.getTime() + assistant.delaySeconds * 1000),
            dedupeKey: conversationId,
          })
        : null;
    return { answered: false, reason: "no_match", read, assistantJobId };
  });
}

export const botTurnJob: JobDefinition<TurnOutcome, { conversationId: string }> = {
  kind: botTurnKind.name,
  payload: botTurnKind.payload,
  timeoutMs: 15_000,
  backoff: { baseMs: 5_000, maxMs: 60_000 },
  maxAttempts: 5,
  run: runBotTurn,
};
