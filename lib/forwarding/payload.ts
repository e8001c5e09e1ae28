import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, messageBots, messages, webhookDeliveries, whatsappChannels, type MessageMedia } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { mediaLink } from "./media-link";

/**
 * What a receiver gets for each incoming customer message ("message.received")
 * and each reply a rule bot sends ("message.sent", `sent_by: "bot"`). The field names are
 * a public contract, documented in the README ("Webhook forwarding"): add
 * fields freely, never rename or remove one. POST sends this object as JSON;
 * GET sends the same data as flat query parameters (`flattenEvent`).
 */
export type ForwardEvent = {
  event: "message.received" | "message.sent" | "test";
  /** WhatsApp's message id (wamid). */
  message_id: string;
  /** text, image, video, audio, document, sticker, location, contacts, interactive, button, reaction, ... */
  type: string;
  /** The text, the media caption, or the button or list reply title. */
  message: string | null;
  /** The customer's WhatsApp number, digits only, with country code (for a sent message too: the chat's customer). */
  sender: string;
  sender_name: string | null;
  /** When WhatsApp says the customer sent it: ISO 8601 (UTC) and Unix seconds. */
  timestamp: string;
  timestamp_unix: number;
  conversation_id: string;
  business_phone_number: string | null;
  business_phone_number_id: string | null;
  media: ForwardMedia | null;
  referral: ForwardReferral | null;
  /** Who wrote it: "customer" (message.received) or "bot" (a rule bot's reply, message.sent). */
  sent_by: "customer" | "bot";
  /** The rule bot that sent it, for sent_by "bot"; null otherwise (and when the bot was deleted since). */
  bot_id: string | null;
  bot_name: string | null;
};

export type ForwardMedia = {
  type: string;
  mime_type: string | null;
  file_name: string | null;
  /** A signed link to our media route, usable without a session until `url_expires_at`; null without APP_URL. */
  url: string | null;
  url_expires_at: string | null;
};

/** A Click-to-WhatsApp ad's referral, as WhatsApp describes it. */
export const REFERRAL_FIELDS = ["source_url", "source_id", "source_type", "headline", "body", "media_type", "image_url", "video_url", "thumbnail_url", "ctwa_clid"] as const;
export type ForwardReferral = Record<(typeof REFERRAL_FIELDS)[number], string | null>;

/**
 * The GET form: top-level fields by name, nested ones joined with "_"
 * (`media_url`, `referral_source_url`). Null fields are left out.
 */
export function flattenEvent(event: ForwardEvent): [string, string][] {
  const entries: [string, string][] = [];
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (typeof value === "object") {
      for (const [child, inner] of Object.entries(value)) add(`${key}_${child}`, inner);
      return;
    }
    entries.push([key, String(value)]);
  };
  for (const [key, value] of Object.entries(event)) add(key, value);
  return entries;
}

function referralOf(payload: Record<string, unknown> | null): ForwardReferral | null {
  const raw = payload?.referral;
  if (!raw || typeof raw !== "object") return null;
  const source = raw as Record<string, unknown>;
  return Object.fromEntries(REFERRAL_FIELDS.map((field) => [field, typeof source[field] === "string" ? source[field] : null])) as ForwardReferral;
}

function mediaOf(type: string, media: MessageMedia | null, messageId: string, now: Date): ForwardMedia | null {
  if (!media?.id) return null;
  const baseUrl = env().APP_URL;
  // A job runs outside any request, so only APP_URL says where this app is reachable from outside.
  const link = baseUrl ? mediaLink(baseUrl, messageId, now) : null;
  return {
    type,
    mime_type: media.mimeType ?? null,
    file_name: media.filename ?? null,
    url: link?.url ?? null,
    url_expires_at: link?.expiresAt.toISOString() ?? null,
  };
}

export type DeliveryForSending = { id: string; messageId: string | null; event: ForwardEvent | null };

/**
 * The delivery with its message's event, read fresh for each attempt (the
 * media link is signed anew each time). `event` is null when the message is
 * gone (chat cleanup deleted it); the delivery is null when it does not exist
 * in this workspace.
 */
export async function loadDeliveryEvent(db: Db, workspaceId: string, deliveryId: string, now: Date): Promise<DeliveryForSending | null> {
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      messageId: messages.id,
      wamid: messages.wamid,
      type: messages.type,
      text: messages.text,
      media: messages.media,
      payload: messages.payload,
      sentAt: messages.sentAt,
      direction: messages.direction,
      botId: messages.botId,
      botName: messageBots.name,
      conversationId: messages.conversationId,
      waId: contacts.waId,
      profileName: contacts.profileName,
      businessNumber: whatsappChannels.displayPhoneNumber,
      businessNumberId: whatsappChannels.phoneNumberId,
    })
    .from(webhookDeliveries)
    .leftJoin(messages, eq(messages.id, webhookDeliveries.messageId))
    .leftJoin(messageBots, eq(messageBots.id, messages.botId))
    .leftJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(whatsappChannels, eq(whatsappChannels.workspaceId, webhookDeliveries.workspaceId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, workspaceId)));
  if (!row) return null;
  if (!row.messageId || !row.type || !row.sentAt || !row.conversationId) return { id: row.id, messageId: null, event: null };
  const sent = row.direction === "outbound";
  return {
    id: row.id,
    messageId: row.messageId,
    event: {
      event: sent ? "message.sent" : "message.received",
      message_id: row.wamid ?? row.messageId,
      type: row.type,
      message: row.text,
      sender: row.waId ?? "",
      sender_name: row.profileName,
      timestamp: row.sentAt.toISOString(),
      timestamp_unix: Math.floor(row.sentAt.getTime() / 1000),
      conversation_id: row.conversationId,
      business_phone_number: row.businessNumber,
      business_phone_number_id: row.businessNumberId,
      media: mediaOf(row.type, row.media, row.messageId, now),
      referral: sent ? null : referralOf(row.payload),
      sent_by: sent ? "bot" : "customer",
      bot_id: sent ? row.botId : null,
      bot_name: sent ? (row.botName ?? null) : null,
    },
  };
}

/** What "Send test event" sends: the same shape, marked `"event": "test"`, with the workspace's own number. */
export async function sampleEvent(db: Db, workspaceId: string, now: Date): Promise<ForwardEvent> {
  const [channel] = await db
    .select({ number: whatsappChannels.displayPhoneNumber, id: whatsappChannels.phoneNumberId })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.workspaceId, workspaceId));
  const sent = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return {
    event: "test",
    message_id: "wamid.TEST",
    type: "text",
    message: "Hello",
    sender: "5511999999999",
    sender_name: "Test",
    timestamp: sent.toISOString(),
    timestamp_unix: sent.getTime() / 1000,
    conversation_id: "00000000-0000-0000-0000-000000000000",
    business_phone_number: channel?.number ?? null,
    business_phone_number_id: channel?.id ?? null,
    media: null,
    referral: null,
    sent_by: "customer",
    bot_id: null,
    bot_name: null,
  };
}
