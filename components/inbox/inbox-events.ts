"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * A same-tab signal from the chat to the list after this member changed a
 * conversation (sent, resolved, read). Realtime events also arrive, but the
 * list should not depend on the socket being up to show the member's own work.
 */
const EVENT = "inbox:conversation-changed";

export function announceConversationChanged(conversationId: string): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { conversationId } }));
}

export function useConversationChanged(handler: (conversationId: string) => void): void {
  const onChange = useEffectEvent(handler);
  useEffect(() => {
    const listener = (event: Event) => onChange((event as CustomEvent<{ conversationId: string }>).detail.conversationId);
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, []);
}
