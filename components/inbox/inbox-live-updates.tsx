"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "@/components/realtime/realtime-provider";
import { refreshConversation, showMessage, syncListsWith } from "./inbox-cache";
import { assignmentsQuery, inboxKey } from "./inbox-queries";

/**
 * Turns real-time events into cache updates for the whole inbox, list and
 * open chat alike. Events carry ids only: each one fetches the one
 * conversation or message it names, and the cached lists and chats are
 * patched with it. Mounted once in the inbox layout.
 */
export function InboxLiveUpdates({ currentUserId }: { currentUserId: string }) {
  const client = useQueryClient();

  useEffect(() => syncListsWith(client, currentUserId), [client, currentUserId]);

  useRealtimeEvent("message.created", ({ conversationId, messageId }) => {
    // The row moves to the top with the new preview; an inbound message also reopens the 24-hour window.
    void refreshConversation(client, conversationId);
    void showMessage(client, conversationId, messageId, { isNew: true });
  });
  useRealtimeEvent("message.updated", ({ conversationId, messageId }) => {
    void showMessage(client, conversationId, messageId, { isNew: false });
  });
  useRealtimeEvent("conversation.updated", ({ conversationId }) => {
    void refreshConversation(client, conversationId);
    // Re-read only while the history panel is open (an inactive entry is just marked stale).
    void client.invalidateQueries({ queryKey: assignmentsQuery(conversationId).queryKey });
  });
  useRealtimeEvent("conversation.assigned", ({ conversationId }) => {
    void refreshConversation(client, conversationId);
  });
  // Events published while the connection was down are lost: re-read everything the inbox shows.
  useRealtimeReconnect(() => {
    void client.invalidateQueries({ queryKey: inboxKey });
  });

  return null;
}
