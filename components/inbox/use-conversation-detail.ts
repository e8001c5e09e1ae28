"use client";

import { useQuery } from "@tanstack/react-query";
import { isGone } from "@/components/data/get-json";
import { conversationQuery } from "./inbox-queries";
import { useSeededRefetchOnMount } from "./use-seeded-refetch-on-mount";

/** The open conversation's header data and its 24-hour window; inbox-live-updates.tsx re-reads it when it changes. */
export function useConversationDetail(conversationId: string) {
  const refetchOnMount = useSeededRefetchOnMount();
  const { data, error, refetch } = useQuery({ ...conversationQuery(conversationId), refetchOnMount });
  // Once shown, a conversation stays on screen through a transient failure, but not
  // once the member may no longer see it (reassigned away, deleted): that is a 404.
  const gone = error !== null && isGone(error);
  return { detail: gone ? null : (data ?? null), error: gone || !data ? error : null, retry: () => void refetch() };
}
