"use client";

import { useCompletion } from "@ai-sdk/react";
import { APICallError, UIMessageStreamError } from "ai";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import type { AiAction } from "@/lib/ai/models";

/** One wand request: the action, what the preview calls it, and its fields besides the draft. */
export type AiWandRequest = { action: AiAction; label: string; fields?: Record<string, string> };

export type AiWandState =
  | { status: "idle" }
  | { status: "streaming" | "done"; label: string; text: string }
  | { status: "error"; label: string; text: string; error: string };

/** The route's refusal (`{ error, message }`) as the AI SDK hands it over: the body of a non-2xx answer. */
function refusalMessage(error: APICallError): string | undefined {
  try {
    const body = JSON.parse(error.responseBody ?? "") as { message?: unknown };
    return typeof body.message === "string" ? body.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asks /api/ai/compose for a suggestion through the AI SDK's `useCompletion`,
 * which streams its words into `completion` for the preview. A new request or
 * Discard cancels the one running; leaving the chat cancels it too. The
 * suggestion only ever lands in the draft when the agent chooses Replace or
 * Insert.
 */
export function useAiWand(conversationId: string, draft: string) {
  const t = useTranslations();
  // The request on show: null hides the preview. The hook keeps the text, whether it is running and its error.
  const [shown, setShown] = useState<{ label: string } | null>(null);
  const { completion, complete, error, isLoading, stop } = useCompletion({ api: "/api/ai/compose" });

  useEffect(() => stop, [stop]);

  const run = useCallback(
    (request: AiWandRequest) => {
      stop();
      setShown({ label: request.label });
      return complete(draft, { body: { action: request.action, conversationId, ...request.fields } });
    },
    [complete, conversationId, draft, stop],
  );

  const discard = useCallback(() => {
    stop();
    setShown(null);
  }, [stop]);

  /** What went wrong, in words: the route's own when it gave them (before or during the answer). */
  function describe(failure: Error): string {
    if (UIMessageStreamError.isInstance(failure) && failure.chunkType === "error") return failure.message;
    if (APICallError.isInstance(failure)) return refusalMessage(failure) ?? (failure.statusCode === 401 ? t("errors.unauthorized") : t("ai.errors.generic"));
    // The connection broke: mid-answer, what arrived stays on show.
    return completion ? t("ai.errors.interrupted") : t("ai.errors.generic");
  }

  let state: AiWandState = { status: "idle" };
  if (shown) {
    if (isLoading) state = { status: "streaming", label: shown.label, text: completion };
    else if (error) state = { status: "error", label: shown.label, text: completion, error: describe(error) };
    // Stop keeps what arrived, which the agent may still use.
    else state = { status: "done", label: shown.label, text: completion };
  }

  return { state, run, stop, discard };
}

export type AiWand = ReturnType<typeof useAiWand>;
