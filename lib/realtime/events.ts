/**
 * Real-time events: what the server publishes after a commit and the browser
 * listens to. Events carry ids and small fields only (Pusher caps an event
 * at 10 KB); the browser fetches the rest through the inbox routes.
 */

/** Everything a workspace's members may see; subscribing is authorised by /api/pusher/auth. */
export function workspaceChannel(workspaceId: string): string {
  return `private-workspace-${workspaceId}`;
}

/** Conversation events when chats are restricted to their assignee: admins see every chat. */
export function adminsChannel(workspaceId: string): string {
  return `private-admins-${workspaceId}`;
}

/** Events meant for one person (an assignment, a mention). */
export function userChannel(userId: string): string {
  return `private-user-${userId}`;
}

export type RealtimeEventMap = {
  "message.created": {
    conversationId: string;
    messageId: string;
    direction: "inbound" | "outbound";
    sender: "customer" | "agent" | "bot";
    /** The member who wrote it, so their own tab does not alert them. */
    authorUserId: string | null;
  };
  "message.updated": { conversationId: string; messageId: string; status: string };
  "conversation.updated": { conversationId: string; created?: boolean };
  /** On the new assignee's own channel: their tabs toast it (and sound it, when the setting is on). */
  "conversation.assigned": { conversationId: string; toUserId: string; byUserId: string | null; contactName: string };
  /** A settings section changed: open tabs re-read it (e.g. the notification sound toggle). */
  "settings.updated": { section: string };
  /** On the new assignee's own channel when a lead is handed to them. */
  "lead.assigned": { leadId: string; toUserId: string; contactName: string };
  /** A lead changed: open lists and detail pages refetch it. */
  "lead.updated": { leadId: string };
  /** A lead was captured automatically: lead lists and reports refresh. */
  "lead.created": { leadId: string };
};

export type RealtimeEventName = keyof RealtimeEventMap;

export type RealtimeEvent<N extends RealtimeEventName = RealtimeEventName> = {
  channel: string;
  name: N;
  data: RealtimeEventMap[N];
};

export function event<N extends RealtimeEventName>(channel: string, name: N, data: RealtimeEventMap[N]): RealtimeEvent<N> {
  return { channel, name, data };
}
