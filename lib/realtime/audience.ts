import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { adminsChannel, event, userChannel, workspaceChannel, type RealtimeEvent, type RealtimeEventMap, type RealtimeEventName } from "./events";

/**
 * Who hears about a conversation: the whole workspace, or, when chats are
 * restricted to their assignee, the admins and the assignee only, so an
 * agent's browser never even learns the ids of chats they may not open.
 */
export function conversationChannels(workspaceId: string, restricted: boolean, assigneeId: string | null): string[] {
  if (!restricted) return [workspaceChannel(workspaceId)];
  return assigneeId ? [adminsChannel(workspaceId), userChannel(assigneeId)] : [adminsChannel(workspaceId)];
}

export async function conversationAudience(db: Db, workspaceId: string, assigneeId: string | null): Promise<string[]> {
  const { restrictToAssigned } = await getSettings(db, workspaceId, supportAgentSection);
  return conversationChannels(workspaceId, restrictToAssigned, assigneeId);
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
