import { sql, type SQL } from "drizzle-orm";
import type { AssistantSettings } from "./assistant-settings";
import { containsKeyword } from "./keywords";
import type { StopBotSettings } from "./stop-bot-settings";

export const ASSISTANT_REPLY_KIND = "assistant-reply";
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

const timestamp = (value: Date | null) => (value ? sql`${value.toISOString()}::timestamptz` : sql`null::timestamptz`);

/** The pause columns' values for the conversation insert, in the order of `pauseColumns`. */
export const pauseColumns = sql`bots_paused_until, assistant_paused_until`;
export function pauseValues(decision: BotDecision): SQL {
  return sql`${timestamp(decision.pauseBotsUntil)}, ${timestamp(decision.pauseAssistantUntil)}`;
}

/** On an existing conversation a new pause extends the current one, never shortens it. */
export const pauseUpdates = sql`bots_paused_until = greatest(conversations.bots_paused_until, excluded.bots_paused_until),
        assistant_paused_until = greatest(conversations.assistant_paused_until, excluded.assistant_paused_until)`;

/**
 * The bots step of the webhook's storing statement (CTEs reading the
 * `conversation` CTE, which exists only when the message was stored): a stop
 * keyword cancels the assistant's scheduled reply; otherwise, unless the
 * chat's bots are paused, a reply is scheduled after the assistant's delay.
 * The dedupe key (one pending reply per conversation) makes the messages of
 * a burst share one reply, which reads them all when it runs.
 */
export function botCtes(workspaceId: string, decision: BotDecision, now: Date): SQL {
  const at = now.toISOString();
  const cancel = decision.cancelScheduledReply
    ? sql`reply_cancelled as (
        update jobs set status = 'cancelled', updated_at = ${at}::timestamptz
        where workspace_id = ${workspaceId} and kind = ${ASSISTANT_REPLY_KIND} and status = 'pending'
          and dedupe_key = (select id::text from conversation)
        returning id
      )`
    : sql`reply_cancelled as (select null::uuid as id where false)`;
  const schedule = decision.replyAt
    ? sql`reply_job as (
        insert into jobs (workspace_id, kind, payload, run_at, dedupe_key, created_at, updated_at)
        select ${workspaceId}, ${ASSISTANT_REPLY_KIND}, jsonb_build_object('conversationId', conversation.id),
               ${decision.replyAt.toISOString()}::timestamptz, conversation.id::text, ${at}::timestamptz, ${at}::timestamptz
        from conversation
        where coalesce(conversation.bots_paused_until, '-infinity') <= ${at}::timestamptz
          and coalesce(conversation.assistant_paused_until, '-infinity') <= ${at}::timestamptz
        on conflict (workspace_id, kind, dedupe_key) where status = 'pending' and dedupe_key is not null do nothing
        returning id, run_at
      )`
    : sql`reply_job as (select null::uuid as id, null::timestamptz as run_at where false)`;
  return sql`${cancel}, ${schedule}`;
}
