import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/lib/db/errors";
import { contacts, conversations, messages, type MessageError, type MessageMedia } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { audienceOfConversation, conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { getChannelCredentials } from "@/lib/whatsapp/channel";
import { GraphApiError, sendTextMessage } from "@/lib/whatsapp/graph-client";
import { sendTemplateMessage, type TemplateRequest } from "@/lib/whatsapp/templates-api";
import { sendMediaMessage, type OutboundMedia } from "@/lib/whatsapp/media";
import { type InteractiveRequest, type LinkedMedia, sendInteractiveMessage, sendLinkedMedia, storedInteractive } from "@/lib/whatsapp/interactive-api";
import { findVisibleConversation, findVisibleMessage, type ConversationRow, type MessageRow, type Viewer } from "./access";
import { isMediaKind } from "./media-limits";
import { getChatMessage } from "./queries";
import { isWindowOpen } from "./service-window";
import { storedTemplateRequest } from "./stored-template";
import type { ChatMessage } from "./types";

/** WhatsApp's limit for a text message body. */
export const TEXT_MAX_LENGTH = 4096;
export const PREVIEW_LENGTH = 200;

function normalizeText(text: string): string {
  const body = text.trim();
  if (!body) throw new FieldErrors({ text: { key: "message_required" } });
  if (body.length > TEXT_MAX_LENGTH) throw new FieldErrors({ text: { key: "message_too_long" } });
  return body;
}

export async function channelOf(db: Db, workspaceId: string) {
  const credentials = await getChannelCredentials(db, workspaceId);
  if (!credentials) throw new AppError("conflict:channel", { messageKey: "channel_not_connected" });
  return credentials;
}

export async function contactWaId(db: Db, conversation: ConversationRow): Promise<string> {
  const [contact] = await db
    .select({ waId: contacts.waId })
    .from(contacts)
    .where(and(eq(contacts.id, conversation.contactId), eq(contacts.workspaceId, conversation.workspaceId)));
  if (!contact) throw new AppError("not_found:conversation");
  return contact.waId;
}

/**
 * What the message row keeps of a failed send: Meta's numeric code, or our own reason when Meta
 * gave none, never a sentence. The chat turns either into words in the reader's language
 * (lib/inbox/send-errors.ts); Meta's own English explanation goes to the server log.
 */
export function errorOf(error: unknown): MessageError {
  if (error instanceof GraphApiError && error.status === 0) return { reason: error.message === "timeout" ? "timeout" : "network" };
  if (error instanceof GraphApiError && error.code !== undefined) {
    console.warn("[inbox send] WhatsApp refused a message", { status: error.status, code: error.code, subcode: error.subcode, message: error.message, details: error.details });
    return { code: error.code };
  }
  console.error("[inbox send] unexpected error", error);
  return { reason: "unexpected" };
}

export type Delivery = {
  messageId: string;
  conversationId: string;
  workspaceId: string;
  to: string;
  body: string;
  /** A template message (lib/templates/send.ts): sent as this request instead of `body` as text. */
  template?: TemplateRequest;
  /** A file already uploaded to Meta, sent by its media id (then `body` is only its caption). */
  media?: OutboundMedia;
  /** Reply buttons or a list (a rule bot's menu): sent as this request, `body` is only what the chat shows. */
  interactive?: InteractiveRequest;
  /** An image or document by its public link (a rule bot's file): `body` is only its caption. */
  linkedMedia?: LinkedMedia;
  credentials: { phoneNumberId: string; accessToken: string };
};

/** A text stored as pending and the events its storing caused: hand `delivery` to `deliver` once those are published. */
export type StoredText = { delivery: Delivery; events: RealtimeEvent[] };

/**
 * WhatsApp answers a send with the customer's own wa_id, which for a Brazilian mobile may lack the
 * 9th digit we wrote to. The customer's replies will come from that id: the contact takes it, so
 * they land in this thread, unless another contact of the workspace already holds it.
 */
async function adoptWhatsAppId(db: Db, d: Delivery, waId: string | undefined): Promise<void> {
  if (!waId || waId === d.to || !/^\d{6,20}$/.test(waId)) return;
  try {
    await db
      .update(contacts)
      .set({ waId, updatedAt: new Date() })
      .where(and(eq(contacts.workspaceId, d.workspaceId), eq(contacts.waId, d.to)));
  } catch (error) {
    if (pgErrorCode(error) !== UNIQUE_VIOLATION) throw error;
  }
}

/**
 * Calls the Graph API outside any transaction (a slow Meta must not hold row
 * locks) and records the outcome. A failure is stored on the message, not
 * thrown: the chat shows it in words with a retry.
 */
export async function deliver(db: Db, d: Delivery): Promise<{ message: ChatMessage; events: RealtimeEvent[] }> {
  const where = and(eq(messages.id, d.messageId), eq(messages.workspaceId, d.workspaceId));
  let status: string | undefined;
  try {
    const sent = d.template
      ? await sendTemplateMessage(d.credentials.accessToken, d.credentials.phoneNumberId, { to: d.to, template: d.template })
      : d.media
      ? await sendMediaMessage(d.credentials.accessToken, d.credentials.phoneNumberId, { to: d.to, media: d.media })
      : d.interactive
      ? await sendInteractiveMessage(d.credentials.accessToken, d.credentials.phoneNumberId, { to: d.to, interactive: d.interactive })
      : d.linkedMedia
      ? await sendLinkedMedia(d.credentials.accessToken, d.credentials.phoneNumberId, { to: d.to, media: d.linkedMedia })
      : await sendTextMessage(d.credentials.accessToken, d.credentials.phoneNumberId, { to: d.to, body: d.body });
    // A status webhook may already have moved the message past "sent"; only pending advances here.
    const [row] = await db
      .update(messages)
      .set({
        wamid: sent.messages?.[0]?.id ?? null,
        status: sql`case when ${messages.status} = 'pending' then 'sent'::message_status else ${messages.status} end`,
        updatedAt: new Date(),
      })
      .where(where)
      .returning({ status: messages.status });
    status = row?.status;
    await adoptWhatsAppId(db, d, sent.contacts?.[0]?.wa_id);
  } catch (error) {
    const [row] = await db
      .update(messages)
      .set({ status: "failed", error: errorOf(error), updatedAt: new Date() })
      .where(and(where, eq(messages.status, "pending")))
      .returning({ status: messages.status });
    status = row?.status;
  }
  const events = status
    ? eventsFor(await audienceOfConversation(db, d.workspaceId, d.conversationId), "message.updated", { conversationId: d.conversationId, messageId: d.messageId, status })
    : [];
  const message = await getChatMessage(db, d.workspaceId, d.messageId);
  if (!message) throw new AppError("not_found:message");
  return { message, events };
}

/** One outbound message as stored: what the chat shows and the list previews. */
export type OutboundRow = {
  sender: "agent" | "bot";
  authorUserId: string | null;
  type: string;
  /** The text, caption or rendered template body: what search and the chat read. */
  text: string | null;
  media?: MessageMedia | null;
  payload?: Record<string, unknown> | null;
  /** What the list shows for it, when not `text` (a document's name). */
  preview?: string | null;
  /** The rule bot that sends it (sender "bot"). */
  botId?: string | null;
  now: Date;
};

/**
 * Stores an outbound message as pending and makes it the conversation's last
 * message, inside the caller's transaction (which holds the conversation row).
 */
export async function storeOutboundMessage(tx: Db, conversation: Pick<ConversationRow, "id" | "workspaceId">, m: OutboundRow): Promise<string> {
  const [message] = await tx
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      direction: "outbound",
      sender: m.sender,
      authorUserId: m.authorUserId,
      type: m.type,
      text: m.text,
      media: m.media ?? null,
      payload: m.payload ?? null,
      botId: m.botId ?? null,
      status: "pending",
      sentAt: m.now,
    })
    .returning({ id: messages.id });
  const preview = m.preview === undefined ? m.text : m.preview;
  await tx
    .update(conversations)
    .set({
      lastMessageAt: m.now,
      lastMessagePreview: preview === null ? null : Array.from(preview).slice(0, PREVIEW_LENGTH).join(""),
      lastMessageType: m.type,
      lastMessageDirection: "outbound",
      lastMessageSender: m.sender,
      lastMessageAuthorId: m.authorUserId,
      updatedAt: m.now,
    })
    .where(eq(conversations.id, conversation.id));
  return message!.id;
}

/** An outbound text, stored as pending (see storeOutboundMessage). */
export function storeOutboundText(
  tx: Db,
  conversation: Pick<ConversationRow, "id" | "workspaceId">,
  m: { sender: "agent" | "bot"; authorUserId: string | null; body: string; now: Date; payload?: Record<string, unknown> },
): Promise<string> {
  return storeOutboundMessage(tx, conversation, { sender: m.sender, authorUserId: m.authorUserId, type: "text", text: m.body, payload: m.payload, now: m.now });
}

/** Work a caller adds to the transaction that stores an agent's text (lib/composition/agent-reply.ts pauses the assistant). */
export type InStoringTransaction = (tx: Db, conversation: ConversationRow, now: Date) => Promise<void>;

/**
 * Stores a free-form text from an agent as pending, so it shows at once and
 * survives a crash; `deliver` then hands it to WhatsApp. The caller publishes
 * the events in between, so other tabs see the message while Meta answers.
 */
export async function storeAgentText(
  db: Db,
  member: Viewer,
  input: { conversationId: string; text: string },
  inTransaction?: InStoringTransaction,
): Promise<StoredText> {
  const body = normalizeText(input.text);
  await findVisibleConversation(db, member, input.conversationId);
  const credentials = await channelOf(db, member.workspaceId);

  // Locks the conversation row: the webhook storing an inbound message updates
  // the same row, so the window check reads the latest last_inbound_at and two
  // writers never leave last_message_* pointing at the older message.
  const stored = await db.transaction(async (tx) => {
    const conversation = await findVisibleConversation(tx, member, input.conversationId, { forUpdate: true });
    const now = new Date();
    if (!isWindowOpen(conversation, now)) throw new AppError("conflict:window", { messageKey: "window_closed" });
    const to = await contactWaId(tx, conversation);
    const messageId = await storeOutboundText(tx, conversation, { sender: "agent", authorUserId: member.userId, body, now });
    await inTransaction?.(tx, conversation, now);
    return { messageId, conversation, to };
  });

  const conversationId = stored.conversation.id;
  const audience = await conversationAudience(db, member.workspaceId, stored.conversation.assignedUserId);
  return {
    delivery: { messageId: stored.messageId, conversationId, workspaceId: member.workspaceId, to: stored.to, body, credentials },
    events: [
      ...eventsFor(audience, "message.created", { conversationId, messageId: stored.messageId, direction: "outbound", sender: "agent", authorUserId: member.userId }),
      ...eventsFor(audience, "conversation.updated", { conversationId }),
    ],
  };
}

/**
 * What a failed outbound message is sent again as: its text, its file by the same media id (Meta
 * keeps uploads 30 days), a template or a bot's buttons or list as the very request stored with
 * it, or a bot's file by its link. Also what a rule bot's reply job sends a stored reply as.
 */
export function resendable(
  message: MessageRow,
): { body: string; media?: OutboundMedia; template?: TemplateRequest; interactive?: InteractiveRequest; linkedMedia?: LinkedMedia } | null {
  if (message.type === "text") return message.text ? { body: message.text } : null;
  if (message.type === "interactive") {
    const interactive = storedInteractive(message.payload);
    return interactive ? { body: message.text ?? "", interactive } : null;
  }
  const link = typeof message.payload?.link === "string" ? message.payload.link : null;
  if ((message.type === "image" || message.type === "document") && !message.media?.id && link) {
    const filename = typeof message.payload?.filename === "string" ? message.payload.filename : undefined;
    return { body: message.text ?? "", linkedMedia: { kind: message.type, link, caption: message.text ?? undefined, filename } };
  }
  if (message.type === "template") {
    const template = storedTemplateRequest(message.payload);
    return template && message.text ? { body: message.text, template } : null;
  }
  if (!isMediaKind(message.type) || !message.media?.id) return null;
  const caption = message.text ?? undefined;
  return { body: caption ?? "", media: { kind: message.type, id: message.media.id, caption, filename: message.media.filename } };
}

/** Claims a failed outbound text, file or template for another try, as the same message; `deliver` then sends it. */
export async function claimRetry(db: Db, member: Viewer, messageId: string): Promise<StoredText> {
  const { message } = await findVisibleMessage(db, member, messageId);
  const notRetryable = () => new AppError("conflict:message", { messageKey: "message_not_retryable" });
  const resend = message.direction === "outbound" && message.status === "failed" ? resendable(message) : null;
  if (!resend) throw notRetryable();
  const { body, media, template, interactive, linkedMedia } = resend;
  const credentials = await channelOf(db, member.workspaceId);

  // Two clicks on retry (two tabs, a double click) race: only the request that
  // moves the row from failed to pending sends, so the customer never gets it twice.
  // The conversation row lock orders the window check with the webhook, as in storeAgentText.
  const to = await db.transaction(async (tx) => {
    const conversation = await findVisibleConversation(tx, member, message.conversationId, { forUpdate: true });
    // Templates are accepted outside the window; texts are not.
    if (!template && !isWindowOpen(conversation)) throw new AppError("conflict:window", { messageKey: "window_closed" });
    const claimed = await tx
      .update(messages)
      .set({ status: "pending", error: null, updatedAt: new Date() })
      .where(and(eq(messages.id, message.id), eq(messages.workspaceId, member.workspaceId), eq(messages.status, "failed")))
      .returning({ id: messages.id });
    if (claimed.length === 0) throw notRetryable();
    return contactWaId(tx, conversation);
  });

  return {
    delivery: {
      messageId: message.id,
      conversationId: message.conversationId,
      workspaceId: member.workspaceId,
      to,
      body,
      media,
      ...(template ? { template } : {}),
      ...(interactive ? { interactive } : {}),
      ...(linkedMedia ? { linkedMedia } : {}),
      credentials,
    },
    events: eventsFor(await audienceOfConversation(db, member.workspaceId, message.conversationId), "message.updated", {
      conversationId: message.conversationId,
      messageId: message.id,
      status: "pending",
    }),
  };
}
