import type { ConversationStatus, MessageError, MessageMedia, MessageStatus } from "@/lib/db/schema";

/** Shapes the inbox routes return to the browser (JSON: dates as ISO strings). */

export type ConversationListItem = {
  id: string;
  status: ConversationStatus;
  contact: { id: string; waId: string; name: string | null };
  assignee: { id: string; name: string } | null;
  unreadCount: number;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  lastMessageType: string | null;
  lastMessageDirection: "inbound" | "outbound" | null;
  /** Who wrote the newest message when it is ours: an agent (the viewer or another) or a bot; null when the customer's. */
  lastMessageAuthor: { kind: "agent"; userId: string | null; name: string | null } | { kind: "bot" } | null;
};

export type ConversationPage = { items: ConversationListItem[]; nextCursor: string | null };

export type InboxFilter = {
  /** all: every visible chat; mine: assigned to the asking member; unassigned: nobody's yet. */
  scope: "all" | "mine" | "unassigned";
  status: ConversationStatus | "all";
  search?: string;
  cursor?: string;
  limit?: number;
};

export type ConversationDetail = ConversationListItem & {
  /** End of the 24-hour customer-service window (ISO), or null when the customer never wrote. */
  windowClosesAt: string | null;
  channel: { phoneNumberId: string; displayPhoneNumber: string } | null;
  /** Bots (the AI assistant included) stay silent in this chat until then (ISO); null when they may answer. */
  botsPausedUntil: string | null;
  /** The CRM lead of this conversation's contact, if one exists. */
  lead?: { id: string; status: string } | null;
};

export type ChatMessage = {
  id: string;
  wamid: string | null;
  direction: "inbound" | "outbound";
  sender: "customer" | "agent" | "bot";
  author: { id: string; name: string } | null;
  /** The rule bot that sent it (lib/bots/rules); null for the AI assistant's replies and everyone else's. */
  bot?: { id: string; name: string } | null;
  type: string;
  text: string | null;
  media: (MessageMedia & { url: string }) | null;
  payload: Record<string, unknown> | null;
  replyTo: { wamid: string; messageId: string | null; type: string | null; text: string | null } | null;
  reactionEmoji: string | null;
  status: MessageStatus;
  error: MessageError | null;
  sentAt: string;
};

export type MessagePage = { items: ChatMessage[]; nextCursor: string | null };
