"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AssignableMember } from "@/lib/assignment/manual";
import { getJson } from "./inbox-fetch";

type State = { members: AssignableMember[] | null; failed: boolean };

/** The workspace's active members for the assignee picker; `reload` re-reads them (the team may have changed). */
export function useAssignableMembers() {
  const [state, setState] = useState<State>({ members: null, failed: false });
  // Only the newest answer may write.
  const generation = useRef(0);

  const load = useCallback(() => {
    const mine = ++generation.current;
    return getJson<AssignableMember[]>("/api/inbox/members").then(
      (members) => {
        if (mine === generation.current) setState({ members, failed: false });
      },
      (error: unknown) => {
        console.warn("[inbox] members failed", error);
        if (mine !== generation.current) return;
        // A list already shown stays usable through a transient failure.
        setState((prev) => ({ members: prev.members, failed: prev.members === null }));
      },
    );
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return { ...state, reload: load };
}
