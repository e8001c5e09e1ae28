/**
 * The message types the app stores: what WhatsApp's webhook sends (kept as it names them, unknown
 * ones included) and the text we send. Screens show them by `messageTypes.<type>`; a type WhatsApp
 * adds later shows as `messageTypes.other` with its name.
 */
export const MESSAGE_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "request_welcome",
  "unsupported",
  // Ours only: a WhatsApp message template we sent (payload.template holds what was sent).
  "template",
] as const;

export type MessageType = (typeof MESSAGE_TYPES)[number];

export function isKnownMessageType(type: string): type is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(type);
}
