"use client";

import type { APICallError } from "ai";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
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

type AiSdk = typeof import("ai");
let aiSdk: Promise<AiSdk> | null = null;
let loadedAiSdk: AiSdk | null = null;
/**
 * The AI SDK (and zod under it) is about 360 KiB, a third of a chat's
 * JavaScript, and only a wand request needs it: it loads on the first one
 * instead of with every chat (docs/performance.md).
 */
const loadAiSdk = () => (aiSdk ??= import("ai").then((sdk) => (loadedAiSdk = sdk)));

/**
 * Asks /api/ai/compose for a suggestion through the AI SDK's completion
 * client (what its `useCompletion` calls), which streams the words into
 * `completion` for the preview. A new request or Discard cancels the one
 * running; leaving the chat cancels it too. The suggestion only ever lands in
 * the draft when the agent chooses Replace or Insert.
 */
export function useAiWand(conversationId: string, draft: string) {
  const t = useTranslations();
  // The request on show: null hides the preview.
  const [shown, setShown] = useState<{ label: string } | null>(null);
  const [completion, setCompletion] = useState("");
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  // Bumped by every request and every stop: a request whose SDK is still loading must not start after either.
  const latest = useRef(0);

  const stop = useCallback(() => {
    latest.current++;
    controller.current?.abort();
    setLoading(false);
  }, []);

  useEffect(() => stop, [stop]);

  const run = useCallback(
    async (request: AiWandRequest) => {
      stop();
      const id = ++latest.current;
      setShown({ label: request.label });
      setCompletion("");
      setError(undefined);
      setLoading(true);
      const ai = await loadAiSdk().catch((failure: Error) => {
        // A failed load may succeed on the next request.
        aiSdk = null;
        setError(failure);
        setLoading(false);
        return null;
      });
      if (!ai || id !== latest.current) return;
      return ai.callCompletionApi({
        api: "/api/ai/compose",
        prompt: draft,
        body: { action: request.action, conversationId, ...request.fields },
        credentials: undefined,
        headers: undefined,
        streamProtocol: "data",
        fetch: undefined,
        setCompletion: (text) => {
          if (id === latest.current) setCompletion(text);
        },
        setLoading: (loading) => {
          if (id === latest.current) setLoading(loading);
        },
        setError,
        setAbortController: (next) => void (controller.current = next),
        getAbortController: () => controller.current,
        onFinish: undefined,
        onError: undefined,
      });
    },
    [conversationId, draft, stop],
  );

  const discard = useCallback(() => {
    stop();
    setShown(null);
  }, [stop]);

  /** What went wrong, in words: the route's own when it gave them (before or during the answer). */
  function describe(failure: Error): string {
    const ai = loadedAiSdk;
    if (!ai) return t("ai.errors.generic");
    const { APICallError, UIMessageStreamError } = ai;
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
