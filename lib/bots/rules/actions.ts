import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { changeAssignee } from "@/lib/assignment/change-assignee";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, leadEvents, leads, memberships, type LeadEventKind } from "@/lib/db/schema";
import { cancelPendingJobs } from "@/lib/jobs/queue";
import { isActiveSource } from "@/lib/leads/sources";
import { LEAD_TAGS_MAX } from "@/lib/leads/types";
import { audienceOfConversation, conversationAudience, eventsFor, leadAudience } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { getSettings } from "@/lib/settings/stored-section";
import { assistantReplyKind } from "../job-kinds";
import { stopBotSection } from "../stop-bot-settings";
import type { BotActions } from "./definition";
import { botTurnKind } from "./job-kinds";

const HOUR_MS = 3_600_000;
const tagsText = (tags: string[]) => (tags.length ? JSON.stringify(tags) : null);

type Conversation = Pick<typeof conversations.$inferSelect, "id" | "workspaceId" | "contactId">;

/**
 * The lead changes a bot makes, on the contact's lead when it has one,
 * recorded in the lead's timeline like a member's edits (by nobody: the
 * actor is null, as for automatic changes). A source that is archived or
 * gone is skipped. Returns the events to publish.
 */
async function applyLeadActions(tx: Db, conversation: Conversation, actions: BotActions): Promise<RealtimeEvent[]> {
  if (!actions.leadStatus && !actions.leadSourceId && !actions.addTag) return [];
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, conversation.workspaceId), eq(leads.contactId, conversation.contactId)))
    .for("update");
  if (!lead) return [];
  const set: Partial<typeof leads.$inferInsert> = {};
  const changes: { kind: LeadEventKind; from: string | null; to: string | null }[] = [];
  if (actions.leadStatus && actions.leadStatus !== lead.status) {
    set.status = actions.leadStatus;
    changes.push({ kind: "status", from: lead.status, to: actions.leadStatus });
    // An outcome says how a closed lead ended; any other status has none (as lib/leads/update.ts).
    if (actions.leadStatus !== "closed" && lead.outcome) {
      set.outcome = null;
      changes.push({ kind: "outcome", from: lead.outcome, to: null });
    }
  }
  if (actions.leadSourceId && actions.leadSourceId !== lead.sourceId && (await isActiveSource(tx, conversation.workspaceId, actions.leadSourceId))) {
    set.sourceId = actions.leadSourceId;
    changes.push({ kind: "source", from: lead.sourceId, to: actions.leadSourceId });
  }
  const tag = actions.addTag;
  if (tag && !lead.tags.some((existing) => existing.toLocaleLowerCase("en") === tag.toLocaleLowerCase("en")) && lead.tags.length < LEAD_TAGS_MAX) {
    const tags = [...lead.tags, tag];
    set.tags = tags;
    changes.push({ kind: "tags", from: tagsText(lead.tags), to: tagsText(tags) });
  }
  if (changes.length === 0) return [];
  await tx
    .update(leads)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(leads.id, lead.id));
  await tx
    .insert(leadEvents)
    .values(changes.map((change) => ({ workspaceId: conversation.workspaceId, leadId: lead.id, kind: change.kind, fromValue: change.from, toValue: change.to, actorUserId: null })));
  return eventsFor(await leadAudience(tx, conversation.workspaceId, lead.assignedUserId), "lead.updated", { leadId: lead.id });
}

/** Assigns the chat to the bot's agent, when that member is still active here (else the action is skipped). */
async function applyAssignment(tx: Db, conversation: Conversation, userId: string): Promise<RealtimeEvent[]> {
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, conversation.workspaceId), eq(memberships.userId, userId), eq(memberships.active, true)));
  if (!member) return [];
  const change = await changeAssignee(tx, { workspaceId: conversation.workspaceId, conversationId: conversation.id, toUserId: userId, actorUserId: null });
  if (!change) return [];
  const [contact] = await tx
    .select({ name: contacts.profileName, waId: contacts.waId })
    .from(contacts)
    .where(eq(contacts.id, conversation.contactId));
  const audience = await conversationAudience(tx, conversation.workspaceId, change.toUserId, change.fromUserId);
  return [
    ...eventsFor(audience, "conversation.updated", { conversationId: conversation.id }),
    event(userChannel(userId), "conversation.assigned", {
      conversationId: conversation.id,
      toUserId: userId,
      byUserId: null,
      contactName: contact?.name?.trim() || (contact ? `+${contact.waId}` : ""),
    }),
  ];
}

/**
 * Hands the chat to a human: every bot of the chat pauses until the Stop Bot
 * restart time, as after a stop keyword, and what the bots had scheduled is dropped.
 */
export async function handOverToHuman(tx: Db, conversation: Pick<Conversation, "id" | "workspaceId">, now: Date): Promise<void> {
  const { restartAfterHours } = await getSettings(tx, conversation.workspaceId, stopBotSection);
  const until = new Date(now.getTime() + restartAfterHours * HOUR_MS);
  await tx
    .update(conversations)
    .set({ botsPausedUntil: sql`greatest(${conversations.botsPausedUntil}, ${until.toISOString()}::timestamptz)` })
    .where(eq(conversations.id, conversation.id));
  await cancelPendingJobs(tx, conversation.workspaceId, assistantReplyKind, conversation.id, now);
  await cancelPendingJobs(tx, conversation.workspaceId, botTurnKind, conversation.id, now);
}

/** A bot's actions, in the transaction that stores its reply; returns the events to publish once committed. */
export async function applyBotActions(tx: Db, conversation: Conversation, actions: BotActions, now: Date): Promise<RealtimeEvent[]> {
  const events = await applyLeadActions(tx, conversation, actions);
  if (actions.assignUserId) events.push(...(await applyAssignment(tx, conversation, actions.assignUserId)));
  if (actions.handOver) {
    await handOverToHuman(tx, conversation, now);
    events.push(...eventsFor(await audienceOfConversation(tx, conversation.workspaceId, conversation.id), "conversation.updated", { conversationId: conversation.id }));
  }
  return events;
}
