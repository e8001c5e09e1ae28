"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AiAction } from "@/lib/ai/models";

/** One wand request: the action, what the preview calls it, and its fields besides the draft. */
export type AiWandRequest = { action: AiAction; label: string; fields?: Record<string, string> };

export type AiWandState =
  | { status: "idle" }
  | { status: "streaming" | "done"; label: string; text: string }
  | { status: "error"; label: string; text: string; error: string };

/**
 * Asks /api/ai/<action> for a suggestion and streams its words into state for
 * the preview. A new request or Discard cancels the one running; leaving the
 * chat cancels it too. The suggestion only ever lands in the draft when the
 * agent chooses Replace or Insert.
 */
export function useAiWand(conversationId: string, draft: string) {
  const t = useTranslations();
  const [state, setState] = useState<AiWandState>({ status: "idle" });
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(
    async (request: AiWandRequest) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      const { label } = request;
      setState({ status: "streaming", label, text: "" });
      const fail = (error: string, text = "") => {
        if (!controller.signal.aborted) setState({ status: "error", label, text, error });
      };
      let response: Response;
      try {
        response = await fetch(`/api/ai/${request.action}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ conversationId, text: draft, ...request.fields }),
          signal: controller.signal,
        });
      } catch {
        return fail(t("ai.errors.generic"));
      }
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        if (body.message) return fail(body.message);
        return fail(response.status === 401 ? t("errors.unauthorized") : t("ai.errors.generic"));
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += value;
          if (!controller.signal.aborted) setState({ status: "streaming", label, text });
        }
      } catch {
        return fail(t("ai.errors.interrupted"), text);
      }
      if (!controller.signal.aborted) setState({ status: "done", label, text });
    },
    [conversationId, draft, t],
  );

  /** Stops the stream and keeps what arrived, which the agent may still use. */
  const stop = useCallback(() => {
    running.current?.abort();
    setState((current) => (current.status === "streaming" ? { status: "done", label: current.label, text: current.text } : current));
  }, []);

  const discard = useCallback(() => {
    running.current?.abort();
    setState({ status: "idle" });
  }, []);

  return { state, run, stop, discard };
}

export type AiWand = ReturnType<typeof useAiWand>;
