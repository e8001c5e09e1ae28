import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { AssignmentsResponse } from "@/app/api/inbox/conversations/[conversationId]/assignments/route";
import type { MessageResponse } from "@/app/api/inbox/conversations/[conversationId]/messages/[messageId]/route";
import type { MessagesResponse } from "@/app/api/inbox/conversations/[conversationId]/messages/route";
import type { ConversationResponse } from "@/app/api/inbox/conversations/[conversationId]/route";
import type { ConversationsResponse } from "@/app/api/inbox/conversations/route";
import type { MembersResponse } from "@/app/api/inbox/members/route";
import { getJson } from "@/components/data/get-json";
import type { ListFilter } from "./list-filter";
import { keepTicksForward } from "./message-cache";

/**
 * The inbox's queries: one key per thing the routes return, so a real-time
 * event can patch or invalidate exactly that entry (inbox-live-updates.tsx).
 */
export const inboxKey = ["inbox"] as const;
export const conversationListsKey = ["inbox", "conversations"] as const;

const conversationUrl = (id: string) => `/api/inbox/conversations/${encodeURIComponent(id)}`;

export function conversationListQuery(filter: ListFilter) {
  return infiniteQueryOptions({
    queryKey: [...conversationListsKey, filter] as const,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ scope: filter.scope, status: filter.status });
      if (filter.q) params.set("q", filter.q);
      if (pageParam) params.set("cursor", pageParam);
      return getJson<ConversationsResponse>(`/api/inbox/conversations?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One conversation: the chat header's data, and the list's row for it (the detail carries the list fields). */
export function conversationQuery(conversationId: string) {
  return queryOptions({
    queryKey: ["inbox", "conversation", conversationId] as const,
    queryFn: ({ signal }) => getJson<ConversationResponse>(conversationUrl(conversationId), signal),
  });
}

/** The chat's messages: the newest page first, then older pages on demand (the "next" page is the older one). */
export function messagesQuery(conversationId: string) {
  return infiniteQueryOptions({
    queryKey: ["inbox", "messages", conversationId] as const,
    queryFn: ({ pageParam, signal }) => {
      const cursor = pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : "";
      return getJson<MessagesResponse>(`${conversationUrl(conversationId)}/messages${cursor}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A refetch read before a "read" tick arrived must not take the tick back.
    structuralSharing: keepTicksForward,
  });
}

export function fetchMessage(conversationId: string, messageId: string): Promise<MessageResponse> {
  return getJson<MessageResponse>(`${conversationUrl(conversationId)}/messages/${encodeURIComponent(messageId)}`);
}

export function assignmentsQuery(conversationId: string) {
  return queryOptions({
    queryKey: ["inbox", "assignments", conversationId] as const,
    queryFn: ({ signal }) => getJson<AssignmentsResponse>(`${conversationUrl(conversationId)}/assignments`, signal),
  });
}

export const membersQuery = queryOptions({
  queryKey: ["inbox", "members"] as const,
  queryFn: ({ signal }) => getJson<MembersResponse>("/api/inbox/members", signal),
});

/** The list's first page as read on the server, under the key and in the shape the list's infinite query caches. */
export function firstListPage(filter: ListFilter, page: ConversationsResponse) {
  return { queryKey: conversationListQuery(filter).queryKey, data: { pages: [page], pageParams: [null] } };
}

/** The chat as read on the server: its header's detail and its newest page of messages. */
export function openedChat(conversationId: string, detail: ConversationResponse, newest: MessagesResponse) {
  return [
    { queryKey: conversationQuery(conversationId).queryKey, data: detail },
    { queryKey: messagesQuery(conversationId).queryKey, data: { pages: [newest], pageParams: [null] } },
  ];
}
