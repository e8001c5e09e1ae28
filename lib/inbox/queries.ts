import "server-only";
import { and, eq, inArray, isNull, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, leads, messageBots, messages, users, whatsappChannels } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { conversationVisibility, findVisibleConversation, type MessageRow, type Viewer } from "./access";
import { isUuid } from "@/lib/validation";
import { botsPausedUntil } from "./bots-paused";
import { afterCursor, clampLimit, newestFirst, page, preciseTime } from "@/lib/db/keyset";
import { searchMatches } from "./conversation-search";
import { windowClosesAt } from "./service-window";
import type { ChatMessage, ConversationDetail, ConversationListItem, ConversationPage, InboxFilter, MessagePage } from "./types";

// --- Conversation list --------------------------------------------------------

/** Who wrote the newest message, when it is ours. */
const authors = alias(users, "last_message_authors");

const listColumns = {
  id: conversations.id,
  status: conversations.status,
  unreadCount: conversations.unreadCount,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  lastMessageType: conversations.lastMessageType,
  lastMessageDirection: conversations.lastMessageDirection,
  lastMessageSender: conversations.lastMessageSender,
  lastMessageAuthorId: conversations.lastMessageAuthorId,
  lastMessageAuthorName: authors.name,
  contactId: contacts.id,
  contactWaId: contacts.waId,
  contactName: contacts.profileName,
  assigneeId: users.id,
  assigneeName: users.name,
};

type ListRow = {
  id: string;
  status: ConversationListItem["status"];
  unreadCount: number;
  lastMessageAt: Date;
  lastMessagePreview: string | null;
  lastMessageType: string | null;
  lastMessageDirection: ConversationListItem["lastMessageDirection"];
  lastMessageSender: "customer" | "agent" | "bot" | null;
  lastMessageAuthorId: string | null;
  lastMessageAuthorName: string | null;
  contactId: string;
  contactWaId: string;
  contactName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

function toListItem(row: ListRow): ConversationListItem {
  return {
    id: row.id,
    status: row.status,
    contact: { id: row.contactId, waId: row.contactWaId, name: row.contactName },
    assignee: row.assigneeId && row.assigneeName ? { id: row.assigneeId, name: row.assigneeName } : null,
    unreadCount: row.unreadCount,
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    lastMessageType: row.lastMessageType,
    lastMessageDirection: row.lastMessageDirection,
    lastMessageAuthor: lastMessageAuthor(row),
  };
}

function lastMessageAuthor(row: ListRow): ConversationListItem["lastMessageAuthor"] {
  if (row.lastMessageDirection !== "outbound") return null;
  if (row.lastMessageSender === "bot") return { kind: "bot" };
  // An agent's message (rows from before the writer was kept have no sender, and count as one).
  return { kind: "agent", userId: row.lastMessageAuthorId, name: row.lastMessageAuthorName };
}

/**
 * Rows per page of the inbox list: more than two screens of rows (~88 px each) on a phone or a laptop;
 * the next page loads as the list scrolls. Every row of the first page is markup the server renders and
 * the browser hydrates before the inbox or a chat beside it is usable (docs/performance.md); Chatwoot
 * reads 25.
 */
export const CONVERSATIONS_PAGE = 20;

/** The inbox list, newest first, keyset-paged by (last_message_at, id). */
export async function listConversations(
  db: Db,
  options: { workspaceId: string; viewerUserId: string; viewerRole?: Viewer["role"]; filter: InboxFilter },
): Promise<ConversationPage> {
  const { workspaceId, viewerUserId, filter } = options;
  const limit = clampLimit(filter.limit, CONVERSATIONS_PAGE);
  const conditions = [
    await conversationVisibility(db, { workspaceId, userId: viewerUserId, role: options.viewerRole }),
    filter.status === "all" ? undefined : eq(conversations.status, filter.status),
    filter.scope === "mine" ? eq(conversations.assignedUserId, viewerUserId) : undefined,
    filter.scope === "unassigned" ? isNull(conversations.assignedUserId) : undefined,
    afterCursor(conversations.lastMessageAt, conversations.id, filter.cursor),
  ];
  const matched = filter.search ? await searchMatches(db, workspaceId, conditions, filter.search, limit) : null;
  const rows = await db
    .select({ ...listColumns, cursorAt: preciseTime(conversations.lastMessageAt) })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, conversations.workspaceId)))
    .leftJoin(users, eq(users.id, conversations.assignedUserId))
    .leftJoin(authors, eq(authors.id, conversations.lastMessageAuthorId))
    .where(and(...conditions, matched ? inArray(conversations.id, matched) : undefined))
    .orderBy(...newestFirst(conversations.lastMessageAt, conversations.id))
    .limit(limit + 1);
  return page(rows, limit, toListItem);
}

export async function getConversationDetail(db: Db, member: Viewer, conversationId: string): Promise<ConversationDetail> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const [row] = await db
    .select({
      ...listColumns,
      lastInboundAt: conversations.lastInboundAt,
      botsPausedUntil: conversations.botsPausedUntil,
      assistantPausedUntil: conversations.assistantPausedUntil,
      phoneNumberId: whatsappChannels.phoneNumberId,
      displayPhoneNumber: whatsappChannels.displayPhoneNumber,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assignedUserId))
    .leftJoin(authors, eq(authors.id, conversations.lastMessageAuthorId))
    .leftJoin(whatsappChannels, eq(whatsappChannels.workspaceId, conversations.workspaceId))
    .where(and(eq(conversations.id, conversation.id), eq(conversations.workspaceId, conversation.workspaceId)));
  if (!row) throw new AppError("not_found:conversation");
  const [lead] = await db
    .select({ id: leads.id, status: leads.status })
    .from(leads)
    .where(and(eq(leads.workspaceId, conversation.workspaceId), eq(leads.contactId, conversation.contactId)));
  return {
    ...toListItem(row),
    lead: lead ?? null,
    botsPausedUntil: botsPausedUntil(row)?.toISOString() ?? null,
    windowClosesAt: windowClosesAt(row.lastInboundAt)?.toISOString() ?? null,
    channel:
      row.phoneNumberId && row.displayPhoneNumber
        ? { phoneNumberId: row.phoneNumberId, displayPhoneNumber: row.displayPhoneNumber }
        : null,
  };
}

/** Clears the unread badge; other members' lists hear about it through `conversation.updated`. */
export async function markConversationRead(db: Db, member: Viewer, conversationId: string): Promise<{ events: RealtimeEvent[] }> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const updated = await db
    .update(conversations)
    .set({ unreadCount: 0, updatedAt: new Date() })
    .where(and(eq(conversations.id, conversation.id), ne(conversations.unreadCount, 0)))
    .returning({ id: conversations.id });
  if (updated.length === 0) return { events: [] };
  return { events: eventsFor(await conversationAudience(db, conversation.workspaceId, conversation.assignedUserId), "conversation.updated", { conversationId: conversation.id }) };
}

// --- Messages ---------------------------------------------------------------

/** A stored message with what the chat view shows beside it: its author's name and the message it quotes. */
export type ChatMessageSource = MessageRow & {
  authorName: string | null;
  /** The rule bot's name, for a message a rule bot sent (messages.bot_id). */
  botName?: string | null;
  replied: { id: string; type: string; text: string | null } | null;
};

export function toChatMessage(row: ChatMessageSource): ChatMessage {
  return {
    id: row.id,
    wamid: row.wamid,
    direction: row.direction,
    sender: row.sender,
    author: row.sender === "agent" && row.authorUserId && row.authorName ? { id: row.authorUserId, name: row.authorName } : null,
    bot: row.sender === "bot" && row.botId && row.botName ? { id: row.botId, name: row.botName } : null,
    type: row.type,
    text: row.text,
    media: row.media ? { ...row.media, url: `/api/media/${row.id}` } : null,
    payload: row.payload ?? null,
    replyTo: row.replyToWamid
      ? {
          wamid: row.replyToWamid,
          messageId: row.replied?.id ?? null,
          type: row.replied?.type ?? null,
          text: row.replied?.text ?? null,
        }
      : null,
    reactionEmoji: row.reactionEmoji,
    status: row.status,
    error: row.error ?? null,
    sentAt: row.sentAt.toISOString(),
  };
}

const replied = alias(messages, "replied");

/** Messages with author and quoted message; the quote is looked up by wamid within the same conversation only. */
async function selectChatMessages(db: Db, where: SQL | undefined, limit: number) {
  const rows = await db
    .select({
      message: messages,
      authorName: users.name,
      botName: messageBots.name,
      repliedId: replied.id,
      repliedType: replied.type,
      repliedText: replied.text,
      cursorAt: preciseTime(messages.sentAt),
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(messageBots, eq(messageBots.id, messages.botId))
    .leftJoin(replied, and(eq(replied.conversationId, messages.conversationId), eq(replied.wamid, messages.replyToWamid)))
    .where(where)
    .orderBy(...newestFirst(messages.sentAt, messages.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.message,
    authorName: r.authorName,
    botName: r.botName,
    replied: r.repliedId && r.repliedType ? { id: r.repliedId, type: r.repliedType, text: r.repliedText } : null,
    cursorAt: r.cursorAt,
  }));
}

/** One message as the chat view shows it, or null when it is not in the workspace. */
export async function getChatMessage(db: Db, workspaceId: string, messageId: string): Promise<ChatMessage | null> {
  if (!isUuid(messageId)) return null;
  const [row] = await selectChatMessages(db, and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId)), 1);
  return row ? toChatMessage(row) : null;
}

/**
 * One message of a conversation the member may see, as the chat view shows it:
 * the open chat adds or updates it when a real-time event names it. A message
 * of another conversation, a reaction row (shown on its target) or a forged id
 * is `not_found:message`, like a conversation the member may not see.
 */
export async function getConversationMessage(db: Db, member: Viewer, conversationId: string, messageId: string): Promise<ChatMessage> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  if (!isUuid(messageId)) throw new AppError("not_found:message");
  const [row] = await selectChatMessages(
    db,
    and(eq(messages.id, messageId), eq(messages.conversationId, conversation.id), eq(messages.workspaceId, conversation.workspaceId), ne(messages.type, "reaction")),
    1,
  );
  if (!row) throw new AppError("not_found:message");
  return toChatMessage(row);
}

/**
 * Messages per page of a chat: about two screens on a desktop or a phone; older pages load as the agent
 * scrolls up. Each message the first page holds is markup the browser must style and hydrate before the
 * chat is usable (docs/performance.md), so it is a page, not the day's history; Chatwoot reads 20 too.
 */
export const MESSAGES_PAGE = 20;

/**
 * A conversation's messages newest first (the UI reverses them), keyset-paged
 * by (sent_at, id). Reactions are not rows of the chat: each shows on the
 * message it targets through `reaction_emoji`.
 */
export async function listMessages(
  db: Db,
  member: Viewer,
  conversationId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<MessagePage> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const limit = clampLimit(options.limit, MESSAGES_PAGE);
  const rows = await selectChatMessages(
    db,
    and(
      eq(messages.conversationId, conversation.id),
      eq(messages.workspaceId, conversation.workspaceId),
      ne(messages.type, "reaction"),
      afterCursor(messages.sentAt, messages.id, options.cursor),
    ),
    limit + 1,
  );
  return page(rows, limit, toChatMessage);
}
