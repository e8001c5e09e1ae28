import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { ConversationResponse } from "@/app/api/inbox/conversations/[conversationId]/route";
import { isGone, RouteError } from "@/components/data/get-json";
import type { ChatMessage, ConversationListItem } from "@/lib/inbox/types";
import { conversationListsKey, conversationQuery, fetchMessage, messagesQuery } from "./inbox-queries";
import { dropConversation, isListed, matchesFilter, placeConversation, type ConversationPages } from "./list-cache";
import type { ListFilter } from "./list-filter";
import { hasMessage, withMessage, type MessagePages } from "./message-cache";

/*
 * Writes to the inbox's cache. Events and the member's own actions change one
 * conversation or one message; these functions fetch just that and patch the
 * cached lists and chats in place, instead of refetching pages.
 */

/**
 * Applies `update` to a cached query now and, when a fetch of it is in
 * flight, again once it settles: that fetch started from older data (an
 * infinite query builds on the pages it started with) and would undo the patch.
 */
function patchQuery<T>(client: QueryClient, queryKey: QueryKey, update: (data: T) => T): void {
  const query = client.getQueryCache().find<T>({ queryKey, exact: true });
  if (!query) return;
  const apply = () => {
    if (query.state.data !== undefined) client.setQueryData<T>(queryKey, (data) => (data === undefined ? data : update(data)));
  };
  apply();
  if (query.state.fetchStatus === "fetching") void query.promise?.then(apply, () => undefined);
}

/**
 * Re-reads one conversation into its cache entry. The newest call wins: one
 * still in flight is cancelled, since it may have read the row before the
 * change that caused this call. The lists follow through `syncListsWith`.
 */
export async function refreshConversation(client: QueryClient, conversationId: string): Promise<void> {
  const options = conversationQuery(conversationId);
  await client.cancelQueries({ queryKey: options.queryKey, exact: true });
  // A refusal is kept in the entry's state (the chat shows it, the lists drop the row); nothing to do here.
  await client.fetchQuery({ ...options, staleTime: 0 }).catch(() => undefined);
}

/**
 * Every cached list given the conversation as it is now: moved to where it
 * sorts, or dropped where it no longer belongs. The search is matched on the
 * server only, so a searched list that does not show the conversation yet is
 * re-read instead.
 */
export function placeInLists(client: QueryClient, item: ConversationListItem, currentUserId: string): void {
  for (const query of client.getQueryCache().findAll({ queryKey: conversationListsKey })) {
    const filter = query.queryKey[2] as ListFilter;
    const belongs = matchesFilter(item, filter, currentUserId);
    const data = query.state.data as ConversationPages | undefined;
    if (filter.q && belongs && data && !isListed(data, item.id)) {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    patchQuery<ConversationPages>(client, query.queryKey, (pages) => placeConversation(pages, item, belongs));
  }
}

/** The conversation is out of the member's sight (reassigned away, deleted): no list shows it. */
export function dropFromLists(client: QueryClient, conversationId: string): void {
  for (const query of client.getQueryCache().findAll({ queryKey: conversationListsKey })) {
    patchQuery<ConversationPages>(client, query.queryKey, (pages) => dropConversation(pages, conversationId));
  }
}

/**
 * Keeps the lists in step with the conversation entries: whatever refreshed
 * one (an event, the chat's own action, opening it) moves its row, and a
 * refusal (404) drops it. Returns the unsubscribe function.
 */
export function syncListsWith(client: QueryClient, currentUserId: string): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== "updated") return;
    const [scope, kind, conversationId] = event.query.queryKey;
    if (scope !== "inbox" || kind !== "conversation" || typeof conversationId !== "string") return;
    if (event.action.type === "success") placeInLists(client, event.action.data as ConversationListItem, currentUserId);
    // 404 only: a lost session (401) says nothing about the conversation.
    if (event.action.type === "error" && event.action.error instanceof RouteError && event.action.error.status === 404) dropFromLists(client, conversationId);
  });
}

/** The member read the chat: its unread count is zero now, in the chat's entry and so in the lists. */
export function markReadInCache(client: QueryClient, conversationId: string): void {
  patchQuery<ConversationResponse>(client, conversationQuery(conversationId).queryKey, (detail) => ({ ...detail, unreadCount: 0 }));
}

/** A message this tab sent or retried, as the action returned it, into its chat. */
export function putMessage(client: QueryClient, conversationId: string, message: ChatMessage): void {
  patchQuery<MessagePages>(client, messagesQuery(conversationId).queryKey, (pages) => withMessage(pages, message, { addIfNew: true }));
}

/**
 * Fetches the one message an event names and adds it to (or updates it in)
 * its chat, when that chat is open (a chat opened again later reads its
 * messages afresh). A status or reaction for a message older than the loaded
 * pages is not fetched.
 */
export async function showMessage(client: QueryClient, conversationId: string, messageId: string, { isNew }: { isNew: boolean }): Promise<void> {
  const { queryKey } = messagesQuery(conversationId);
  const state = client.getQueryState(queryKey);
  if (!state || !client.getQueryCache().find({ queryKey, exact: true })?.isActive()) return;
  const known = state.data !== undefined && hasMessage(state.data, messageId);
  // Our own sends are in already; a tick for a message we do not show needs no fetch.
  if (isNew ? known : !known && state.data !== undefined) return;
  try {
    const message = await fetchMessage(conversationId, messageId);
    patchQuery<MessagePages>(client, queryKey, (pages) => withMessage(pages, message, { addIfNew: isNew }));
  } catch (error) {
    // Gone: the conversation left the member's sight, and its own refresh says so.
    if (!isGone(error)) console.warn("[inbox] message failed", error);
  }
}
