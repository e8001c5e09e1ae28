"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "@/components/realtime/realtime-provider";
import type { ConversationDetail, ConversationListItem, ConversationPage } from "@/lib/inbox/types";
import { useConversationChanged } from "./inbox-events";
import { getJson, InboxHttpError } from "./inbox-fetch";
import type { ListFilter } from "./list-filter";

type Loaded = { key: string; items: ConversationListItem[]; nextCursor: string | null };

function pageUrl(filter: ListFilter, cursor?: string | null): string {
  const params = new URLSearchParams({ scope: filter.scope, status: filter.status });
  if (filter.q) params.set("q", filter.q);
  if (cursor) params.set("cursor", cursor);
  return `/api/inbox/conversations?${params}`;
}

function appendUnique(items: ConversationListItem[], more: ConversationListItem[]): ConversationListItem[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...more.filter((item) => !seen.has(item.id))];
}

/**
 * A fresh first page replaces the top of what is loaded; pages loaded further
 * down are kept. A kept row that now sorts inside the first page's range but
 * did not come back no longer matches the filter (resolved, reassigned), so it goes.
 */
function mergeFirstPage(current: Loaded, first: ConversationPage): Loaded {
  if (first.nextCursor === null) return { key: current.key, items: first.items, nextCursor: null };
  const fresh = new Set(first.items.map((item) => item.id));
  const last = first.items.at(-1);
  const boundary = last ? Date.parse(last.lastMessageAt) : Number.POSITIVE_INFINITY;
  const rest = current.items.filter((item) => !fresh.has(item.id) && Date.parse(item.lastMessageAt) < boundary);
  return { key: current.key, items: [...first.items, ...rest], nextCursor: rest.length > 0 ? current.nextCursor : first.nextCursor };
}

function matches(item: ConversationListItem, filter: ListFilter, currentUserId: string): boolean {
  if (filter.status !== "all" && item.status !== filter.status) return false;
  if (filter.scope === "mine") return item.assignee?.id === currentUserId;
  if (filter.scope === "unassigned") return item.assignee === null;
  return true;
}

/** The conversation list for one filter: cursor paging plus live updates from realtime events. */
export function useConversations(filter: ListFilter, currentUserId: string) {
  const { scope, status, q } = filter;
  const key = `${scope}|${status}|${q}`;
  const [data, setData] = useState<Loaded | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Only the newest first-page request may write: a slow answer for an old filter must not win.
  const generation = useRef(0);
  const moreInFlight = useRef(false);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadFirst = useCallback(() => {
    const mine = ++generation.current;
    return getJson<ConversationPage>(pageUrl({ scope, status, q })).then(
      (page) => {
        if (mine !== generation.current) return;
        setData((prev) => (prev?.key === key ? mergeFirstPage(prev, page) : { key, items: page.items, nextCursor: page.nextCursor }));
        setFailedKey(null);
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        console.warn("[inbox] conversation list failed", error);
        setFailedKey(key);
      },
    );
  }, [key, scope, status, q]);

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);

  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
  }, []);

  const current = data?.key === key ? data : null;

  const loadMore = useCallback(async () => {
    const cursor = current?.nextCursor;
    if (!cursor || moreInFlight.current) return;
    moreInFlight.current = true;
    setLoadingMore(true);
    try {
      const page = await getJson<ConversationPage>(pageUrl({ scope, status, q }, cursor));
      setData((prev) => (prev?.key === key ? { key, items: appendUnique(prev.items, page.items), nextCursor: page.nextCursor } : prev));
    } catch (error) {
      console.warn("[inbox] next conversation page failed", error);
    } finally {
      moreInFlight.current = false;
      setLoadingMore(false);
    }
  }, [current?.nextCursor, key, scope, status, q]);

  // A burst of events (a customer sending five photos) becomes one request.
  function scheduleRefresh() {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void loadFirst(), 250);
  }

  /** A row below the first page changed: re-read just that conversation and update or drop it. */
  async function refreshRow(conversationId: string) {
    if (!current?.items.some((item) => item.id === conversationId)) return;
    try {
      const detail = await getJson<ConversationDetail>(`/api/inbox/conversations/${conversationId}`);
      setData((prev) => {
        if (prev?.key !== key) return prev;
        const items = matches(detail, { scope, status, q }, currentUserId)
          ? prev.items.map((item) => (item.id === conversationId ? detail : item))
          : prev.items.filter((item) => item.id !== conversationId);
        return { ...prev, items };
      });
    } catch (error) {
      if (error instanceof InboxHttpError && error.status === 404) {
        setData((prev) => (prev?.key === key ? { ...prev, items: prev.items.filter((item) => item.id !== conversationId) } : prev));
      }
    }
  }

  function onConversationChanged(conversationId: string) {
    scheduleRefresh();
    void refreshRow(conversationId);
  }

  useRealtimeEvent("conversation.updated", (event) => onConversationChanged(event.conversationId));
  useRealtimeEvent("message.created", () => scheduleRefresh());
  useRealtimeReconnect(() => scheduleRefresh());
  useConversationChanged(onConversationChanged);

  return {
    items: current?.items ?? [],
    nextCursor: current?.nextCursor ?? null,
    loading: !current && failedKey !== key,
    failed: failedKey === key && !current,
    loadingMore,
    loadMore,
    retry: loadFirst,
  };
}
