import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/settings/stored-section";
import type { AiModelId } from "./models";
import { openAiBaseUrl } from "./openai-http";
import { aiIntegrationSection } from "./settings";

/**
 * The one place that turns a workspace's AI settings into a model (DESIGN.md,
 * "AI in one place"). Every AI feature (the composer's wand, the assistant)
 * reads the settings on each use and builds its model here.
 *
 * API choice: `openai.chat(model)`, the Chat Completions API, not the
 * Responses API that `openai(model)` defaults to. Every model on the settings
 * screen speaks it, and so does nearly every OpenAI-compatible server that
 * OPENAI_BASE_URL may point at (vLLM, Ollama, LiteLLM, Azure's compatible
 * endpoint), while many of those lack /responses. The tests' fake speaks both.
 *
 * Timeouts and retries:
 * - every HTTP request this model makes is aborted after OPENAI_TIMEOUT_MS
 *   (default 30 s; the whole answer, streamed or not), so no caller can hang
 *   on a silent server. The abort surfaces as a TimeoutError, which
 *   `toAiError` (lib/ai/errors.ts) maps to `unavailable:ai_timeout`;
 * - callers pass `maxRetries: AI_MAX_RETRIES` (0) to generateText/streamText
 *   (the SDK's own default is 2). An agent waiting in the composer sees a
 *   failure in words at once and can press again; a background job retries
 *   through the job queue's backoff rather than stacking retries inside one
 *   attempt. A 401, 404 or quota 429 would fail again anyway.
 */

export type AiConfig = {
  /** "Enable OpenAI in chat": when false, no AI feature may call the API. */
  enabled: boolean;
  /** The workspace's OpenAI secret key, decrypted; "" when none is stored. Never send it to the browser. */
  apiKey: string;
  model: AiModelId;
};

/** Retries inside one AI call; see the policy above. */
export const AI_MAX_RETRIES = 0;

/** The workspace's AI settings with the key decrypted (server-side only), read fresh on each use. */
export async function getAiConfig(db: Db, workspaceId: string): Promise<AiConfig> {
  const { enabled, apiKey, model } = await getSettings(db, workspaceId, aiIntegrationSection);
  return { enabled, apiKey, model };
}

/**
 * fetch that gives up after `timeoutMs`, also when the caller passed its own
 * abort signal. A plain controller and timer rather than
 * `AbortSignal.any([signal, AbortSignal.timeout()])`: the combined signal is
 * only weakly held and can be garbage-collected under load before it fires,
 * leaving the request hanging (seen as a flaky timeout test on Node 20). Node
 * 22 and 24 still have open bugs there (nodejs/node#57736; #65995, an abort
 * lost after GC, since 24.16), so this stays.
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), timeoutMs);
    const outer = init?.signal;
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
    }
    // The timer stays until it fires: it bounds the streamed body too, and aborting a finished response does nothing.
    return fetch(input, { ...init, signal: controller.signal }).catch((error: unknown) => {
      clearTimeout(timer);
      throw error;
    });
  };
}

/**
 * A chat model on OPENAI_BASE_URL with the workspace's key. Does not check
 * `enabled` or an empty key: callers refuse those first (see lib/ai/compose.ts),
 * so the error says what is wrong instead of "invalid key".
 */
export function createChatModel(config: Pick<AiConfig, "apiKey" | "model">, options: { timeoutMs?: number } = {}): LanguageModel {
  const provider = createOpenAI({
    apiKey: config.apiKey,
    baseURL: openAiBaseUrl(),
    fetch: fetchWithTimeout(options.timeoutMs ?? env().OPENAI_TIMEOUT_MS),
  });
  return provider.chat(config.model);
}
