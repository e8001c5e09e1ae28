import { APICallError, RetryError } from "ai";
import { AppError } from "@/lib/errors";

/**
 * The AppErrors an AI call can end in. Their texts are in messages/ under
 * `errors.<messageKey>`; the code is what `ai_usage.error_code` records.
 */
export const AI_ERRORS = {
  disabled: () => new AppError("conflict:ai_disabled", { messageKey: "ai_disabled" }),
  noKey: () => new AppError("conflict:ai_no_key", { messageKey: "ai_no_key" }),
  invalidKey: (cause?: unknown) => new AppError("unavailable:ai_invalid_key", { messageKey: "ai_invalid_key", cause }),
  model: (cause?: unknown) => new AppError("unavailable:ai_model", { messageKey: "ai_model_unavailable", cause }),
  rateLimited: (cause?: unknown) => new AppError("rate_limited:ai", { messageKey: "ai_rate_limited", cause }),
  quota: (cause?: unknown) => new AppError("rate_limited:ai_quota", { messageKey: "ai_quota", cause }),
  timeout: (cause?: unknown) => new AppError("unavailable:ai_timeout", { messageKey: "ai_timeout", cause }),
  unavailable: (cause?: unknown) => new AppError("unavailable:ai", { messageKey: "ai_unavailable", cause }),
} as const;

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
function openAiErrorCode(error: APICallError): string | null {
  const data = error.data as { error?: { code?: unknown; type?: unknown } } | undefined;
  const fromData = data?.error?.code ?? data?.error?.type;
  if (typeof fromData === "string") return fromData;
  try {
    const body = JSON.parse(error.responseBody ?? "") as { error?: { code?: unknown; type?: unknown } };
    const code = body.error?.code ?? body.error?.type;
    return typeof code === "string" ? code : null;
  } catch {
    return null;
  }
}

function isTimeoutOrAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/**
 * Maps whatever an AI SDK call threw (or put in an `error` stream part) to an
 * AppError the user may read: 401/403 invalid key, 404 model not available to
 * the key, 429 rate limit (or exhausted quota), an abort or timeout, and
 * anything else (unreachable server, 5xx) as "unavailable". AppErrors pass
 * through; retries (RetryError) are judged by their last error.
 */
export function toAiError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (RetryError.isInstance(error)) return toAiError(error.lastError);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) return AI_ERRORS.invalidKey(error);
    if (status === 404) return AI_ERRORS.model(error);
    if (status === 429) return openAiErrorCode(error) === "insufficient_quota" ? AI_ERRORS.quota(error) : AI_ERRORS.rateLimited(error);
    if (status === 408 || status === 504) return AI_ERRORS.timeout(error);
    // A network failure wraps the fetch error; a timeout fired by our fetch may arrive that way too.
    if (status === undefined && isTimeoutOrAbort(error.cause)) return AI_ERRORS.timeout(error);
    return AI_ERRORS.unavailable(error);
  }
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if (isTimeoutOrAbort(current)) return AI_ERRORS.timeout(error);
  }
  return AI_ERRORS.unavailable(error);
}
