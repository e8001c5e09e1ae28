import { z } from "zod";
import { sanitizeJson } from "./sanitize";

/**
 * The WhatsApp Cloud API webhook envelope. Parsing is deliberately lenient:
 * Meta adds fields and message types over time, so only what we rely on is
 * required and everything else passes through to be stored as it came.
 */

const mediaSchema = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

const errorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

/** The type-specific part of each message type we read, under the key named by `type`. */
const typeSchemas = {
  text: z.looseObject({ body: z.string() }),
  image: mediaSchema,
  video: mediaSchema,
  audio: mediaSchema,
  document: mediaSchema,
  sticker: mediaSchema,
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }),
  contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().optional() }).optional() })),
  interactive: z.looseObject({
    type: z.string(),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
  }),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }),
};

/** Parts any message may carry. One that does not fit is kept in the payload under `unreadable`, never a reason to lose the message. */
const commonSchemas = {
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional(), forwarded: z.boolean().optional() }),
  referral: z.looseObject({ source_type: z.string().optional(), source_url: z.string().optional() }),
  errors: z.array(errorSchema),
};

/** What identifies a message. Without it nothing can be stored as a message: the message becomes a dead letter. */
const envelopeSchema = z.looseObject({ from: z.string().min(1), id: z.string().min(1), type: z.string().min(1) });

/**
 * Longest ids stored. Both are btree-indexed, and Postgres refuses an index
 * row over ~2,700 bytes, which refused the whole statement. Real wamids are
 * under 100 characters (256 leaves room for Meta to grow them); a WhatsApp id
 * is a phone number's digits (64 leaves room for the business-scoped ids).
 */
export const MAX_WAMID_LENGTH = 256;
export const MAX_FROM_LENGTH = 64;

type Shape<S> = { [K in keyof S]?: S[K] extends z.ZodType ? z.output<S[K]> : never };

export type InboundMessage = {
  from: string;
  id: string;
  /** The type we store: `unsupported` when the type-specific part did not fit its type. */
  type: string;
  /** As Meta sent it (Unix seconds as a string); read with messageTime(). */
  timestamp: unknown;
  [key: string]: unknown;
} & Shape<typeof typeSchemas> &
  Shape<typeof commonSchemas>;

export const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().optional(),
  errors: z.array(errorSchema).optional(),
});

const valueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

const contactSchema = z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string().optional() }).optional() });

export const webhookSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});

export type StatusUpdate = z.output<typeof statusSchema>;
export type WebhookError = z.output<typeof errorSchema>;

/** Why a message cannot be stored as one; the stable reason code of its dead letter. */
export type RefusalReason = "invalid_envelope" | "wamid_too_long" | "from_too_long";

export type ReceivedMessage = {
  message: InboundMessage;
  /** The message exactly as it came, before sanitizing: what a dead letter keeps. */
  raw: unknown;
  /** A part nested deeper than MAX_PAYLOAD_DEPTH was cut from `message`. */
  cut: boolean;
};

export type ParsedChange = {
  phoneNumberId: string;
  profileNames: Map<string, string>;
  messages: ReceivedMessage[];
  /** Messages that cannot be stored as messages: the caller keeps them as dead letters. */
  refused: { raw: unknown; reason: RefusalReason }[];
  statuses: { status: StatusUpdate; raw: unknown }[];
  /** Items we could not read: logged and acknowledged, never a reason for Meta to redeliver. */
  skipped: { kind: "message" | "status" | "change"; reason: string }[];
};

/**
 * One message, read strictly where it identifies itself (from, id, type) and
 * leniently elsewhere: a known type whose own part does not fit (an image
 * without an id, a location with text coordinates) is kept as `unsupported`
 * with that part in its payload, as an unknown type is.
 */
export function readMessage(value: unknown): { message: InboundMessage } | { reason: RefusalReason } {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) return { reason: "invalid_envelope" };
  const message: InboundMessage = { ...envelope.data, timestamp: envelope.data.timestamp };
  if (message.id.length > MAX_WAMID_LENGTH) return { reason: "wamid_too_long" };
  if (message.from.length > MAX_FROM_LENGTH) return { reason: "from_too_long" };
  const unreadable: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(commonSchemas)) {
    if (message[key] === undefined) continue;
    const part = schema.safeParse(message[key]);
    if (part.success) message[key] = part.data;
    else {
      unreadable[key] = message[key];
      delete message[key];
    }
  }
  if (Object.keys(unreadable).length) message.unreadable = unreadable;
  const schema = (typeSchemas as Record<string, z.ZodType>)[message.type];
  if (schema) {
    const part = schema.safeParse(message[message.type]);
    if (part.success) message[message.type] = part.data;
    else message.type = "unsupported";
  }
  return { message };
}

/**
 * Reads a webhook body into the changes we act on. Each message and status is
 * parsed on its own so one unexpected item never hides its neighbours.
 * `sanitize` (the default) walks every value to make it storable
 * (lib/whatsapp/sanitize.ts); the endpoint turns it off when the body's text
 * proved there is nothing to clean.
 */
export function parseWebhook(body: unknown, { sanitize = true }: { sanitize?: boolean } = {}): { changes: ParsedChange[]; skipped: string[] } {
  const envelope = webhookSchema.safeParse(body);
  if (!envelope.success || envelope.data.object !== "whatsapp_business_account") {
    return { changes: [], skipped: ["not a whatsapp_business_account event"] };
  }
  const clean = <T>(value: T) => (sanitize ? sanitizeJson(value) : { value, cut: false });
  const changes: ParsedChange[] = [];
  const skipped: string[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") {
        skipped.push(`field ${change.field}`);
        continue;
      }
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        skipped.push("change without metadata.phone_number_id");
        continue;
      }
      const profiles = (value.data.contacts ?? []).flatMap((raw) => {
        const contact = contactSchema.safeParse(clean(raw).value);
        return contact.success && contact.data.profile?.name ? [[contact.data.wa_id, contact.data.profile.name] as const] : [];
      });
      const parsed: ParsedChange = {
        phoneNumberId: clean(value.data.metadata.phone_number_id).value,
        profileNames: new Map(profiles),
        messages: [],
        refused: [],
        statuses: [],
        skipped: [],
      };
      for (const raw of value.data.messages ?? []) {
        const { value: sanitized, cut } = clean(raw);
        const read = readMessage(sanitized);
        if ("message" in read) parsed.messages.push({ message: read.message, raw, cut });
        else parsed.refused.push({ raw, reason: read.reason });
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(clean(raw).value);
        if (status.success) parsed.statuses.push({ status: status.data, raw });
        else parsed.skipped.push({ kind: "status", reason: status.error.issues.map((i) => i.path.join(".")).join(",") });
      }
      changes.push(parsed);
    }
  }
  return { changes, skipped };
}

export function describeError(error: WebhookError | undefined) {
  if (!error) return undefined;
  return { code: error.code, title: error.title ?? error.message, details: error.error_data?.details };
}
