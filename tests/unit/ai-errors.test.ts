import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { AI_ERRORS, toAiError } from "@/lib/ai/errors";
import { AppError } from "@/lib/errors";

function apiError(statusCode: number | undefined, body: unknown = {}, cause?: unknown) {
  return new APICallError({
    message: "failed",
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody: JSON.stringify(body),
    cause,
  });
}

const codeOf = (error: unknown) => toAiError(error).code;

describe("toAiError", () => {
  it("maps OpenAI's answers to codes the agent reads in words", () => {
    expect(codeOf(apiError(401, { error: { code: "invalid_api_key" } }))).toBe("unavailable:ai_invalid_key");
    expect(codeOf(apiError(403))).toBe("unavailable:ai_invalid_key");
    expect(codeOf(apiError(404, { error: { code: "model_not_found" } }))).toBe("unavailable:ai_model");
    expect(codeOf(apiError(429, { error: { code: "rate_limit_exceeded" } }))).toBe("rate_limited:ai");
    expect(codeOf(apiError(429, { error: { type: "insufficient_quota", code: "insufficient_quota" } }))).toBe("rate_limited:ai_quota");
    expect(codeOf(apiError(500))).toBe("unavailable:ai");
    expect(codeOf(apiError(504))).toBe("unavailable:ai_timeout");
  });

  it("gives each code a message key with a text in messages/", () => {
    const error = toAiError(apiError(429));
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(429);
    expect(error.messageKey).toBe("ai_rate_limited");
    expect(toAiError(apiError(401)).messageKey).toBe("ai_invalid_key");
  });

  it("treats a timeout or an abort as a timeout, also when wrapped", () => {
    expect(codeOf(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe("unavailable:ai_timeout");
    expect(codeOf(new DOMException("aborted", "AbortError"))).toBe("unavailable:ai_timeout");
    expect(codeOf(new Error("outer", { cause: new DOMException("t", "TimeoutError") }))).toBe("unavailable:ai_timeout");
    expect(codeOf(apiError(undefined, {}, new DOMException("t", "TimeoutError")))).toBe("unavailable:ai_timeout");
  });

  it("reports an unreachable server or anything unknown as unavailable", () => {
    expect(codeOf(apiError(undefined, {}, new Error("connect ECONNREFUSED")))).toBe("unavailable:ai");
    expect(codeOf(new Error("boom"))).toBe("unavailable:ai");
    expect(codeOf("a string")).toBe("unavailable:ai");
  });

  it("judges retries by their last error and lets AppErrors through", () => {
    const retried = new RetryError({ message: "gave up", reason: "maxRetriesExceeded", errors: [apiError(500), apiError(429)] });
    expect(codeOf(retried)).toBe("rate_limited:ai");
    const disabled = AI_ERRORS.disabled();
    expect(toAiError(disabled)).toBe(disabled);
  });
});
