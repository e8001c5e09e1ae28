import { z } from "zod";

/**
 * The WhatsApp Cloud API webhook envelope. Parsing is deliberately lenient:
 * Meta adds fields and message types over time, so only what we rely on is
 * required and everything else passes through to be stored as it came.
 */

const mediaSchema = z.looseObject({
  id: z.string(),
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

export const inboundMessageSchema = z.looseObject({
  from: z.string(),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  video: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  document: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() })
    .optional(),
  contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().optional() }).optional() })).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional(), forwarded: z.boolean().optional() }).optional(),
  referral: z.looseObject({ source_type: z.string().optional(), source_url: z.string().optional() }).optional(),
  errors: z.array(errorSchema).optional(),
});

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
  contacts: z.array(z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const webhookSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});

export type InboundMessage = z.output<typeof inboundMessageSchema>;
export type StatusUpdate = z.output<typeof statusSchema>;
export type WebhookError = z.output<typeof errorSchema>;

export type ParsedChange = {
  phoneNumberId: string;
  profileNames: Map<string, string>;
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Items we could not read: logged and acknowledged, never a reason for Meta to redeliver. */
  skipped: { kind: "message" | "status" | "change"; reason: string }[];
};

/**
 * Reads a webhook body into the changes we act on. Each message and status is
 * parsed on its own so one unexpected item never hides its neighbours.
 */
export function parseWebhook(body: unknown): { changes: ParsedChange[]; skipped: string[] } {
  const envelope = webhookSchema.safeParse(body);
  if (!envelope.success || envelope.data.object !== "whatsapp_business_account") {
    return { changes: [], skipped: ["not a whatsapp_business_account event"] };
  }
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
      const parsed: ParsedChange = {
        phoneNumberId: value.data.metadata.phone_number_id,
        profileNames: new Map((value.data.contacts ?? []).flatMap((c) => (c.profile?.name ? [[c.wa_id, c.profile.name] as const] : []))),
        messages: [],
        statuses: [],
        skipped: [],
      };
      for (const raw of value.data.messages ?? []) {
        const message = inboundMessageSchema.safeParse(raw);
        if (message.success) parsed.messages.push(message.data);
        else parsed.skipped.push({ kind: "message", reason: message.error.issues.map((i) => i.path.join(".")).join(",") });
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(raw);
        if (status.success) parsed.statuses.push(status.data);
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
