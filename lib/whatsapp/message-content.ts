import type { MessageError, MessageMedia } from "@/lib/db/schema";
import { describeError, type InboundMessage } from "./webhook-payload";

export type MessageContent = {
  type: string;
  text: string | null;
  media: MessageMedia | null;
  payload: Record<string, unknown> | null;
  replyToWamid: string | null;
  error: MessageError | null;
};

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

function isMediaType(type: string): type is MediaType {
  return (MEDIA_TYPES as readonly string[]).includes(type);
}

/** Fields every message has; what is left over is the type-specific part, kept as WhatsApp sent it. */
const ENVELOPE_FIELDS = new Set(["from", "id", "timestamp", "type", "context", "referral", "errors"]);

function extraFields(message: InboundMessage): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([key]) => !ENVELOPE_FIELDS.has(key)));
}

function joined(...parts: (string | undefined)[]): string | null {
  const text = parts.filter(Boolean).join(" — ");
  return text || null;
}

/**
 * What we store of an inbound message: a searchable `text` (body, caption,
 * button title, place, contact names), media ids to fetch later through the
 * Graph API, and the type-specific payload. Unknown types are kept, never dropped.
 */
export function messageContent(message: InboundMessage): MessageContent {
  const payload: Record<string, unknown> = extraFields(message);
  if (message.referral) payload.referral = message.referral;
  if (message.context?.forwarded) payload.forwarded = true;
  const base = {
    type: message.type,
    payload: Object.keys(payload).length ? payload : null,
    replyToWamid: message.context?.id ?? null,
    error: describeError(message.errors?.[0]) ?? null,
  };

  if (message.type === "text") return { ...base, payload: base.payload && without(base.payload, "text"), text: message.text?.body ?? null, media: null };

  if (isMediaType(message.type)) {
    const media = message[message.type];
    if (media) {
      return {
        ...base,
        payload: without(base.payload, message.type),
        text: media.caption ?? null,
        media: { id: media.id, mimeType: media.mime_type, sha256: media.sha256, filename: media.filename, voice: media.voice, animated: media.animated },
      };
    }
  }

  switch (message.type) {
    case "location":
      return { ...base, text: joined(message.location?.name, message.location?.address), media: null };
    case "contacts":
      return { ...base, text: joined(...(message.contacts ?? []).map((c) => c.name?.formatted_name)), media: null };
    case "interactive": {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return { ...base, text: reply?.title ?? null, media: null };
    }
    case "button":
      return { ...base, text: message.button?.text ?? null, media: null };
    default:
      return { ...base, text: null, media: null };
  }
}

function without(payload: Record<string, unknown> | null, key: string): Record<string, unknown> | null {
  if (!payload) return null;
  const { [key]: _omit, ...rest } = payload;
  return Object.keys(rest).length ? rest : null;
}
