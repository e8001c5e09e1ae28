"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { messagesQuery } from "./inbox-queries";
import { flattenMessages } from "./message-cache";
import { useSeededRefetchOnMount } from "./use-seeded-refetch-on-mount";

/** One conversation's messages, oldest first: the newest page, older pages on demand; inbox-live-updates.tsx adds and updates messages. */
export function useMessages(conversationId: string) {
  const refetchOnMount = useSeededRefetchOnMount();
  const { data, error, isError, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useInfiniteQuery({ ...messagesQuery(conversationId), refetchOnMount });
  const messages = useMemo(() => (data ? flattenMessages(data) : []), [data]);

  return {
    messages,
    // Once shown, the log stays through a failed refresh.
    status: data ? ("ready" as const) : isError ? ("error" as const) : ("loading" as const),
    error,
    hasOlder: hasNextPage,
    loadingOlder: isFetchingNextPage,
    loadOlder: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    reload: () => void refetch(),
  };
}
