import type { ConversationRow } from "./access";

/** Free-form messages are accepted only this long after the customer's last message (WhatsApp's customer-service window). */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether a free-form message may be sent now: the customer wrote within the window. */
export function isWindowOpen(conversation: Pick<ConversationRow, "lastInboundAt">, now: Date = new Date()): boolean {
  const last = conversation.lastInboundAt;
  return last !== null && now.getTime() - last.getTime() < SERVICE_WINDOW_MS;
}

/** When the window closes, or null when the customer never wrote. */
export function windowClosesAt(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + SERVICE_WINDOW_MS) : null;
}
