"use client";

import { useFirstSubscriptionPending } from "@/components/realtime/realtime-provider";

/**
 * `refetchOnMount` for the inbox queries the server seeds (the list, a chat's
 * detail and messages): not before the tab's first subscription, whose
 * re-read (inbox-live-updates.tsx) fetches them anyway; as usual after it.
 */
export function useSeededRefetchOnMount(): () => boolean {
  const pending = useFirstSubscriptionPending();
  return () => !pending();
}
