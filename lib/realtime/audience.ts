import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { adminsChannel, event, userChannel, workspaceChannel, type RealtimeEvent, type RealtimeEventMap, type RealtimeEventName } from "./events";

/**
 * The one audience rule: every event is published to the channels this
 * module chooses, and no other module names the workspace or admins channel
 * (tests/unit/realtime-audience.test.ts keeps that true). The one exception
 * is the news meant for one person (`conversation.assigned`, `lead.assigned`),
 * which goes to that person's own channel, `userChannel(id)`.
 *
 * An event naming a chat or a lead goes to the whole workspace, or, when
 * chats are restricted to their assignee, to the admins and the people who
 * may open it: its assignee, and on a handover also the one who just lost
 * it (their open list must drop it; what they re-read then answers 404).
 * So an agent's browser never even learns the ids of chats and leads they
 * may not open. Under restriction the workspace channel carries no chat or
 * lead id at all, only workspace-wide news (settings.updated).
 */
function restrictedAudience(workspaceId: string, restricted: boolean, people: Array<string | null | undefined>): string[] {
  if (!restricted) return [workspaceChannel(workspaceId)];
  const users = [...new Set(people.filter((id): id is string => Boolean(id)))];
  return [adminsChannel(workspaceId), ...users.map(userChannel)];
}

/** Who hears about a conversation: see restrictedAudience; `formerAssigneeId` when the change took it from someone. */
export function conversationChannels(workspaceId: string, restricted: boolean, assigneeId: string | null, formerAssigneeId?: string | null): string[] {
  return restrictedAudience(workspaceId, restricted, [assigneeId, formerAssigneeId]);
}

/**
 * Who hears about a lead. Seeing a lead follows the LEAD's assignee
 * (lib/leads/access.ts leadVisibility), which may differ from its chat's.
 */
export function leadChannels(workspaceId: string, restricted: boolean, assigneeId: string | null, formerAssigneeId?: string | null): string[] {
  return restrictedAudience(workspaceId, restricted, [assigneeId, formerAssigneeId]);
}

/** Workspace-wide news that names no chat or lead (a settings section changed): every member's tab. */
export function workspaceNewsChannels(workspaceId: string): string[] {
  return [workspaceChannel(workspaceId)];
}

/** A settings section of the workspace was saved: every member's open tab re-reads what depends on it. */
export function settingsUpdatedEvents(workspaceId: string, section: string): RealtimeEvent<"settings.updated">[] {
  return eventsFor(workspaceNewsChannels(workspaceId), "settings.updated", { section });
}

async function isRestricted(db: Db, workspaceId: string): Promise<boolean> {
  return (await getSettings(db, workspaceId, supportAgentSection)).restrictToAssigned;
}

export async function conversationAudience(db: Db, workspaceId: string, assigneeId: string | null, formerAssigneeId?: string | null): Promise<string[]> {
  return conversationChannels(workspaceId, await isRestricted(db, workspaceId), assigneeId, formerAssigneeId);
}

export async function leadAudience(db: Db, workspaceId: string, assigneeId: string | null, formerAssigneeId?: string | null): Promise<string[]> {
  return leadChannels(workspaceId, await isRestricted(db, workspaceId), assigneeId, formerAssigneeId);
}

/** The same event on each channel of an audience. */
export function eventsFor<N extends RealtimeEventName>(channels: string[], name: N, data: RealtimeEventMap[N]): RealtimeEvent<N>[] {
  return channels.map((channel) => event(channel, name, data));
}

/** The audience of a stored conversation, reading its current assignee. */
export async function audienceOfConversation(db: Db, workspaceId: string, conversationId: string): Promise<string[]> {
  const [row] = await db
    .select({ assigneeId: conversations.assignedUserId })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)));
  return conversationAudience(db, workspaceId, row?.assigneeId ?? null);
}
