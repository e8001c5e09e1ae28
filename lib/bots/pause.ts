import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema";
import { cancelPendingJobs } from "@/lib/jobs/queue";
import { findVisibleConversation, type Viewer } from "@/lib/inbox/access";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { getSettings } from "@/lib/settings/stored-section";
import { assistantReplyKind } from "./job-kinds";
import { botReplyKind, botTurnKind } from "./rules/job-kinds";
import { stopBotSection } from "./stop-bot-settings";

/**
 * An agent answered by hand: every bot of the chat (the assistant and the
 * rule bots) keeps out of it for the Stop Bot restart period, and the replies
 * and bot turns they had scheduled are dropped. Runs in the transaction that
 * stores the agent's message, so a bot reply stored after it finds the pause.
 */
export async function pauseBotsForAgentReply(tx: Db, conversation: { id: string; workspaceId: string }, now: Date): Promise<void> {
  const { restartAfterHours } = await getSettings(tx, conversation.workspaceId, stopBotSection);
  const until = sql`${new Date(now.getTime() + restartAfterHours * 3_600_000).toISOString()}::timestamptz`;
  await tx
    .update(conversations)
    .set({
      botsPausedUntil: sql`greatest(${conversations.botsPausedUntil}, ${until})`,
      assistantPausedUntil: sql`greatest(${conversations.assistantPausedUntil}, ${until})`,
    })
    .where(eq(conversations.id, conversation.id));
  for (const kind of [assistantReplyKind, botTurnKind, botReplyKind]) await cancelPendingJobs(tx, conversation.workspaceId, kind, conversation.id, now);
}

/** "Resume bots": an agent lifts every pause of the chat at once. */
export async function resumeBots(db: Db, member: Viewer, conversationId: string, now: Date = new Date()): Promise<{ events: RealtimeEvent[] }> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  await db
    .update(conversations)
    .set({ botsPausedUntil: null, assistantPausedUntil: null, updatedAt: now })
    .where(eq(conversations.id, conversation.id));
  return { events: eventsFor(await conversationAudience(db, conversation.workspaceId, conversation.assignedUserId), "conversation.updated", { conversationId: conversation.id }) };
}
