"use client";

import { useQuery } from "@tanstack/react-query";
import { membersQuery } from "./inbox-queries";

/** The workspace's active members for the assignee picker; `reload` re-reads them (the team may have changed). */
export function useAssignableMembers() {
  const { data, isError, refetch } = useQuery(membersQuery);
  // A list already shown stays usable through a transient failure.
  return { members: data ?? null, failed: isError && !data, reload: () => void refetch() };
}
