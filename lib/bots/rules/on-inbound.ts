import { sql } from "drizzle-orm";
import { defineStep, emptyCte } from "@/lib/inbox/pipeline";
import { cancelPendingJobsCte, enqueueJobCte } from "@/lib/jobs/queue";
import { botSettings, decisionFor } from "../on-inbound";
import { botReplyKind, botTurnKind } from "./job-kinds";

/**
 * The rule bots' part of the inbound statement (the `conversation` CTE exists
 * only when the message was stored). A counting customer message enqueues a
 * bot turn, due at once, when the workspace has a bot on, the chat's bots are
 * not paused and the message is no Stop Bot keyword; the dedupe key joins a
 * turn already waiting, which then reads this message too. A Stop Bot keyword
 * cancels the turn and the bot reply that wait in the chat. Whether a bot is
 * on is read in the statement (a subquery on a partial index) and the stop
 * keyword is a parameter, so the statement's texts stay those the other
 * steps already make.
 */
export const ruleBotTurnStep = defineStep<typeof botSettings, { bot_turn_at: string | Date | null }>({
  name: "rule-bot-turn",
  settings: botSettings,
  defines: ["bot_turn_cancelled", "bot_reply_cancelled", "bot_turn_job"],
  reads: ["conversation"],
  ctes: (context, settings) => {
    const { workspaceId, now, counts } = context;
    const decision = decisionFor(context, settings);
    const at = sql`${now.toISOString()}::timestamptz`;
    const dedupeKey = sql`(select id::text from conversation)`;
    const stops = decision.pauseBotsUntil !== null;
    // Rendered exactly when the assistant's cancel is (either stop keyword), gated by a parameter, so the
    // two steps together add no statement text: only a Stop Bot keyword cancels the rule bots' jobs.
    const cancels = decision.cancelScheduledReply
      ? sql`${cancelPendingJobsCte("bot_turn_cancelled", botTurnKind, { workspaceId, dedupeKey, when: sql`${stops}::boolean`, now })},
    ${cancelPendingJobsCte("bot_reply_cancelled", botReplyKind, { workspaceId, dedupeKey, when: sql`${stops}::boolean`, now })}`
      : sql`${emptyCte("bot_turn_cancelled", { id: "uuid" })}, ${emptyCte("bot_reply_cancelled", { id: "uuid" })}`;
    const turn = counts
      ? enqueueJobCte("bot_turn_job", botTurnKind, {
          workspaceId,
          payload: { conversationId: sql`conversation.id` },
          from: sql`conversation`,
          when: sql`not ${stops}::boolean
              and coalesce(conversation.bots_paused_until, '-infinity') <= ${at}
              and exists (select 1 from message_bots where workspace_id = ${workspaceId} and enabled)`,
          runAt: now,
          dedupeKey: sql`conversation.id::text`,
          now,
        })
      : emptyCte("bot_turn_job", { id: "uuid", run_at: "timestamptz" });
    return sql`${cancels},
    ${turn}`;
  },
  columns: { bot_turn_at: sql`(select run_at from bot_turn_job)` },
  // The turn runs at once; when no bot answers it, the assistant's reply is due its delay after the turn's
  // due time: the webhook's after() waits for that too, so the assistant's delay is met on Vercel as before.
  effects: ({ bot_turn_at }, _core, _context, { assistant }) => {
    if (!bot_turn_at) return {};
    const turnAt = new Date(bot_turn_at);
    return { jobsEnqueued: 1, wakeAt: assistant.enabled ? new Date(turnAt.getTime() + assistant.delaySeconds * 1000) : null };
  },
});
