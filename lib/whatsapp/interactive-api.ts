import { graphRequest, type SentMessage } from "./graph-client";

/**
 * Interactive messages (reply buttons and lists) and media sent by a public
 * link, as POST /{phone-number-id}/messages takes them. Both are free-form:
 * WhatsApp accepts them only inside the 24-hour window.
 */

export type InteractiveButtons = {
  type: "button";
  body: { text: string };
  footer?: { text: string };
  action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
};

export type InteractiveList = {
  type: "list";
  body: { text: string };
  footer?: { text: string };
  action: { button: string; sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[] };
};

export type InteractiveRequest = InteractiveButtons | InteractiveList;

export function sendInteractiveMessage(accessToken: string, phoneNumberId: string, message: { to: string; interactive: InteractiveRequest }): Promise<SentMessage> {
  return graphRequest<SentMessage>({
    accessToken,
    path: `${encodeURIComponent(phoneNumberId)}/messages`,
    method: "POST",
    body: { messaging_product: "whatsapp", recipient_type: "individual", to: message.to, type: "interactive", interactive: message.interactive },
  });
}

/** An image or document Meta fetches from a public https link on each send (an uploaded media id expires, a link does not). */
export type LinkedMedia = { kind: "image" | "document"; link: string; caption?: string; filename?: string };

export function sendLinkedMedia(accessToken: string, phoneNumberId: string, message: { to: string; media: LinkedMedia }): Promise<SentMessage> {
  const { kind, link, caption, filename } = message.media;
  const object: Record<string, string> = { link };
  if (caption) object.caption = caption;
  if (filename && kind === "document") object.filename = filename;
  return graphRequest<SentMessage>({
    accessToken,
    path: `${encodeURIComponent(phoneNumberId)}/messages`,
    method: "POST",
    body: { messaging_product: "whatsapp", recipient_type: "individual", to: message.to, type: kind, [kind]: object },
  });
}

/** Whether a stored payload holds an interactive request we sent (for a retry to send the very same). */
export function storedInteractive(payload: Record<string, unknown> | null | undefined): InteractiveRequest | null {
  const interactive = payload?.interactive as { type?: unknown; body?: { text?: unknown }; action?: unknown } | undefined;
  if (!interactive || (interactive.type !== "button" && interactive.type !== "list")) return null;
  if (typeof interactive.body?.text !== "string" || !interactive.action || typeof interactive.action !== "object") return null;
  return interactive as InteractiveRequest;
}
