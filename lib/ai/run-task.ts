import { streamText, type LanguageModel } from "ai";
import { AI_MAX_RETRIES } from "./provider";
import type { AiTask } from "./tasks/shared";

/** WhatsApp caps a text at 4,096 characters, roughly 1,000 tokens; a little slack for languages that need more. */
const MAX_OUTPUT_TOKENS = 1_500;

/**
 * Streams one task's answer from `model`. Errors arrive as `error` parts of
 * `result.stream` (handled by the caller), so the SDK's default console
 * logging is turned off.
 */
export function runTask(model: LanguageModel, task: AiTask, options: { abortSignal?: AbortSignal } = {}) {
  return streamText({
    model,
    instructions: task.instructions,
    prompt: task.prompt,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    maxRetries: AI_MAX_RETRIES,
    abortSignal: options.abortSignal,
    onError: () => {},
  });
}
