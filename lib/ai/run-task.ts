import { streamText, type LanguageModel, type LanguageModelUsage } from "ai";
import { AI_MAX_RETRIES } from "./provider";
import type { AiTask } from "./tasks/shared";

/** WhatsApp caps a text at 4,096 characters, roughly 1,000 tokens; a little slack for languages that need more. */
const MAX_OUTPUT_TOKENS = 1_500;

/** How a caller follows one answer to its end: each is awaited by the SDK before the stream moves on. */
export type TaskCallbacks = {
  abortSignal?: AbortSignal;
  /** The answer is complete; its tokens in and out. */
  onEnd?: (usage: LanguageModelUsage) => PromiseLike<void> | void;
  /** The API refused or broke off (an `error` part of the stream). */
  onError?: (error: unknown) => PromiseLike<void> | void;
  /** `abortSignal` fired while the answer was being read. */
  onAbort?: () => PromiseLike<void> | void;
};

/**
 * Streams one task's answer from `model` with the AI SDK's `streamText`.
 * Errors arrive as `error` parts of `result.stream` and through `onError`, so
 * the SDK's default console logging is turned off.
 */
export function runTask(model: LanguageModel, task: AiTask, callbacks: TaskCallbacks = {}) {
  const { onEnd, onError, onAbort } = callbacks;
  return streamText({
    model,
    instructions: task.instructions,
    prompt: task.prompt,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    maxRetries: AI_MAX_RETRIES,
    abortSignal: callbacks.abortSignal,
    onEnd: onEnd && ((event) => onEnd(event.totalUsage)),
    onError: ({ error }) => onError?.(error),
    onAbort: onAbort && (() => onAbort()),
  });
}
