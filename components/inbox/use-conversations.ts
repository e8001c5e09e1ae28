"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { conversationListQuery } from "./inbox-queries";
import { flattenConversations } from "./list-cache";
import type { ListFilter } from "./list-filter";
import { useSeededRefetchOnMount } from "./use-seeded-refetch-on-mount";

/** The conversation list for one filter, cursor-paged; inbox-live-updates.tsx keeps the loaded pages current. */
export function useConversations(filter: ListFilter) {
  const { scope, status, q } = filter;
  const refetchOnMount = useSeededRefetchOnMount();
  const query = useInfiniteQuery({ ...conversationListQuery({ scope, status, q }), refetchOnMount });
  const { data, isPending, isError, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = query;
  const items = useMemo(() => (data ? flattenConversations(data) : []), [data]);

  return {
    items,
    hasMore: hasNextPage,
    loading: isPending && !isError,
    failed: isError && !data,
    loadingMore: isFetchingNextPage,
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    retry: () => void refetch(),
  };
}
