"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ConversationDetail } from "@/lib/inbox/types";
import { getJson, InboxHttpError } from "./inbox-fetch";

type State = { detail: ConversationDetail | null; error: unknown };

/** The open conversation's header data and its 24-hour window; re-read whenever it may have changed. */
export function useConversationDetail(conversationId: string) {
  const [state, setState] = useState<State>({ detail: null, error: null });
  // Several events can trigger reloads at once; only the newest answer may write.
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const detail = await getJson<ConversationDetail>(`/api/inbox/conversations/${encodeURIComponent(conversationId)}`);
      if (mine === generation.current) setState({ detail, error: null });
    } catch (error) {
      console.warn("[inbox] conversation failed", error);
      if (mine !== generation.current) return;
      // Once shown, a conversation stays on screen through a transient failure, but not
      // once the member may no longer see it (reassigned away, deleted): that is a 404.
      const gone = error instanceof InboxHttpError && (error.status === 404 || error.status === 401);
      setState((prev) => (prev.detail && !gone ? prev : { detail: null, error }));
    }
  }, [conversationId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { detail: state.detail, error: state.error, reload };
}
