import { env } from "@/lib/env";

/** OpenAI's own API; OPENAI_BASE_URL replaces it with any OpenAI-compatible server (tests use a local fake). */
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function openAiBaseUrl(): string {
  return (env().OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, "");
}

/** An HTTP answer other than 2xx from the OpenAI API (status 0: no answer at all, `code` "timeout" or "network"). */
export class OpenAiHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

type OpenAiErrorBody = { error?: { message?: string; code?: string | null; type?: string } };

/**
 * GET /models: the ids of the models this key may use. The AI SDK has no call
 * for it, and it is the cheapest request that proves a key works (no tokens spent).
 */
export async function listModels(apiKey: string, timeoutMs = 10_000): Promise<string[]> {
  let response: Response;
  try {
    response = await fetch(`${openAiBaseUrl()}/models`, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new OpenAiHttpError(timedOut ? "timeout" : "network", 0, timedOut ? "timeout" : "network");
  }
  const json = (await response.json().catch(() => ({}))) as OpenAiErrorBody & { data?: { id?: unknown }[] };
  if (!response.ok) {
    throw new OpenAiHttpError(json.error?.message ?? `HTTP ${response.status}`, response.status, json.error?.code ?? json.error?.type ?? null);
  }
  return (json.data ?? []).map((model) => model.id).filter((id): id is string => typeof id === "string");
}
