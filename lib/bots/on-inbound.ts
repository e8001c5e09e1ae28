import { sql } from "drizzle-orm";
import { defineStep, emptyCte, type InboundContext } from "@/lib/inbox/pipeline";
import { cancelPendingJobsCte, enqueueJobCte } from "@/lib/jobs/queue";
import { assistantSection, type AssistantSettings } from "./assistant-settings";
import { assistantReplyKind } from "./job-kinds";
import { containsKeyword } from "./keywords";
import { stopBotSection, type StopBotSettings } from "./stop-bot-settings";

const HOUR_MS = 3_600_000;

/** What one stored customer message does to the chat's bots, decided before the storing statement runs. */
export type BotDecision = {
  /** A Stop Bot keyword: every bot silent until then. */
  pauseBotsUntil: Date | null;
  /** The assistant's own stop keyword: only the assistant silent until then. */
  pauseAssistantUntil: Date | null;
  /** Either keyword also cancels a reply already scheduled. */
  cancelScheduledReply: boolean;
  /** When the assistant should answer, unless the chat's bots are paused. */
  replyAt: Date | null;
};

export function decideBots(
  text: string | null,
  counts: boolean,
  { stopBot, assistant }: { stopBot: StopBotSettings; assistant: AssistantSettings },
  now: Date,
): BotDecision {
  const until = new Date(now.getTime() + stopBot.restartAfterHours * HOUR_MS);
  const stopsBots = counts && containsKeyword(text, stopBot.keywords);
  const stopsAssistant = counts && !stopsBots && containsKeyword(text, assistant.stopKeywords);
  return {
    pauseBotsUntil: stopsBots ? until : null,
    pauseAssistantUntil: stopsAssistant ? until : null,
    cancelScheduledReply: stopsBots || stopsAssistant,
    replyAt: counts && assistant.enabled && !stopsBots && !stopsAssistant ? new Date(now.getTime() + assistant.delaySeconds * 1000) : null,
  };
}

export const botSettings = { stopBot: stopBotSection, assistant: assistantSection };

/** One decision per message, shared by the two bot steps (keyword matching normalises the whole text). */
const decisions = new WeakMap<InboundContext, BotDecision>();
export function decisionFor(context: InboundContext, settings: { stopBot: StopBotSettings; assistant: AssistantSettings }): BotDecision {
  let decision = decisions.get(context);
  if (!decision) {
    decision = decideBots(context.content.text ?? null, context.counts, settings, context.now);
    decisions.set(context, decision);
  }
  return decision;
}

/** The workspace has no rule bot switched on: the assistant is scheduled straight from the webhook, as before rule bots. */
export const noRuleBotOn = (workspaceId: string) => sql`not exists (select 1 from message_bots where workspace_id = ${workspaceId} and enabled)`;

/** Always a parameter, null or not, so the statement's text does not depend on it. */
const timestamp = (value: Date | null) => sql`${value?.toISOString() ?? null}::timestamptz`;

/** The pauses a stop keyword starts, for the conversation step (which extends a current pause, never shortens it). */
export const botPauseStep = defineStep({
  name: "bot-pause",
  settings: botSettings,
  defines: ["pause"],
  reads: [],
  ctes: (context, settings) => {
    const decision = decisionFor(context, settings);
    return sql`pause as (select ${timestamp(decision.pauseBotsUntil)} as bots_paused_until, ${timestamp(decision.pauseAssistantUntil)} as assistant_paused_until)`;
  },
});

/**
 * The assistant's reply (the `conversation` CTE exists only when the message
 * was stored): a stop keyword cancels a scheduled reply; otherwise, unless
 * the chat's bots are paused, a reply is scheduled after the assistant's
 * delay, unless a rule bot is on (then the bot turn schedules the assistant
 * when no rule bot answered). The dedupe key (one pending reply per conversation) makes the
 * messages of a burst share one reply, which reads them all when it runs.
 */
export const assistantReplyStep = defineStep<typeof botSettings, { reply_at: string | Date | null }>({
  name: "assistant-reply",
  settings: botSettings,
  defines: ["reply_cancelled", "reply_job"],
  reads: ["conversation"],
  ctes: (context, settings) => {
    const { workspaceId, now } = context;
    const decision = decisionFor(context, settings);
    const at = sql`${now.toISOString()}::timestamptz`;
    const cancel = decision.cancelScheduledReply
      ? cancelPendingJobsCte("reply_cancelled", assistantReplyKind, { workspaceId, dedupeKey: sql`(select id::text from conversation)`, when: sql`true`, now })
      : emptyCte("reply_cancelled", { id: "uuid" });
    const schedule = decision.replyAt
      ? enqueueJobCte("reply_job", assistantReplyKind, {
          workspaceId,
          payload: { conversationId: sql`conversation.id` },
          from: sql`conversation`,
          // With a rule bot on, the bot turn decides whether the assistant answers (lib/bots/rules/turn.ts).
          when: sql`coalesce(conversation.bots_paused_until, '-infinity') <= ${at}
              and coalesce(conversation.assistant_paused_until, '-infinity') <= ${at}
              and ${noRuleBotOn(workspaceId)}`,
          runAt: decision.replyAt,
          dedupeKey: sql`conversation.id::text`,
          now,
        })
      : emptyCte("reply_job", { id: "uuid", run_at: "timestamptz" });
    return sql`${cancel},
    ${schedule}`;
  },
  columns: { reply_at: sql`(select run_at from reply_job)` },
  effects: ({ reply_at }) => {
    const wakeAt = reply_at ? new Date(reply_at) : null;
    return { jobsEnqueued: wakeAt ? 1 : 0, wakeAt };
  },
});
