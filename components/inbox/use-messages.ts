"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage, MessagePage } from "@/lib/inbox/types";
import { getJson } from "./inbox-fetch";

type State = {
  /** Oldest first, as the log shows them. */
  messages: ChatMessage[];
  /** Loads the page before the oldest loaded message; null once the start is reached. */
  olderCursor: string | null;
  status: "loading" | "ready" | "error";
  error?: unknown;
};

function byTime(a: ChatMessage, b: ChatMessage): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const PROGRESS: Partial<Record<ChatMessage["status"], number>> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Newer copies of a message (a status tick, a reaction) replace older ones;
 * everything else is kept. Ticks never go backwards: an answer fetched before
 * "read" arrived may land after it. "failed" replaces any tick but "read", as
 * on the server (lib/inbox/statuses.ts); a retry's "pending" replaces "failed".
 */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    const behind =
      known &&
      (message.status === "failed" ? known.status === "read" : (PROGRESS[message.status] ?? -1) < (PROGRESS[known.status] ?? -1));
    byId.set(message.id, behind ? { ...message, status: known.status } : message);
  }
  return [...byId.values()].sort(byTime);
}

function pageUrl(conversationId: string, cursor?: string): string {
  const base = `/api/inbox/conversations/${encodeURIComponent(conversationId)}/messages`;
  return cursor ? `${base}?cursor=${encodeURIComponent(cursor)}` : base;
}

/** One conversation's messages: the newest page first, older pages on demand, live merges by id. */
export function useMessages(conversationId: string) {
  const [state, setState] = useState<State>({ messages: [], olderCursor: null, status: "loading" });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const olderInFlight = useRef(false);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadNewest = useCallback(async () => {
    try {
      const page = await getJson<MessagePage>(pageUrl(conversationId));
      setState((prev) =>
        prev.status === "ready"
          ? // Keep older pages already loaded; their cursor still points before them.
            { ...prev, messages: mergeMessages(prev.messages, page.items) }
          : { messages: mergeMessages([], page.items), olderCursor: page.nextCursor, status: "ready" },
      );
    } catch (error) {
      console.warn("[inbox] messages failed", error);
      setState((prev) => (prev.status === "ready" ? prev : { ...prev, status: "error", error }));
    }
  }, [conversationId]);

  useEffect(() => {
    void loadNewest();
  }, [loadNewest]);

  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
  }, []);

  const loadOlder = useCallback(async () => {
    const cursor = state.olderCursor;
    if (!cursor || olderInFlight.current) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    try {
      const page = await getJson<MessagePage>(pageUrl(conversationId, cursor));
      setState((prev) => ({ ...prev, messages: mergeMessages(prev.messages, page.items), olderCursor: page.nextCursor }));
    } catch (error) {
      console.warn("[inbox] older messages failed", error);
    } finally {
      olderInFlight.current = false;
      setLoadingOlder(false);
    }
  }, [conversationId, state.olderCursor]);

  /** Realtime events come in bursts (sent, delivered, read within a second): one fetch for the lot. */
  const refresh = useCallback(() => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void loadNewest(), 150);
  }, [loadNewest]);

  /** A message this tab just sent or retried, as the action returned it. */
  const upsert = useCallback((message: ChatMessage) => {
    setState((prev) => ({ ...prev, messages: mergeMessages(prev.messages, [message]) }));
  }, []);

  return { ...state, loadingOlder, loadOlder, refresh, reload: loadNewest, upsert };
}
