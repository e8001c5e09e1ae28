import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import {
  chatCompletion,
  defaultReply,
  id,
  maskKey,
  messageItem,
  messagesOf,
  now,
  openAiError,
  responseObject,
  sendJson,
  SERVER_ERROR,
  streamChatCompletion,
  streamResponse,
  tokens,
} from "./openai-wire";
import { readRequestBody } from "./request-body";

/**
 * A local stand-in for the OpenAI API (api.openai.com/v1) on loopback. It
 * answers GET /v1/models, POST /v1/chat/completions and POST /v1/responses,
 * streamed (server-sent events, as OpenAI sends them, usage included) or not,
 * with OpenAI's own JSON shapes and error bodies, so the real AI SDK client
 * runs against it. Keys are checked (`Authorization: Bearer <key>`), each key
 * with the models it may use.
 *
 * The default reply is derived from the prompt, so tests can assert what was
 * asked: `[fake <model>] <the last user message, whitespace collapsed, at most 300 characters>`.
 *
 * Test controls, in process (`OpenAiFake`) or over HTTP for other processes:
 * - GET  /__fake/requests          what it received (also the rejected requests)
 * - POST /__fake/mode              `{ "kind": "normal" | "reply" | "break" | "rate_limit" | "quota" | "server_error" | "hang", "text"?: string }`
 * - POST /__fake/keys              `{ "key": "...", "models"?: ["gpt-4o-mini", ...] }` adds or replaces a key
 * - DELETE /__fake/keys/<key>      revokes a key (its calls then get 401)
 * - POST /__fake/reset             mode "normal", the keys it started with, no recorded requests
 */

export type OpenAiFakeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
};

export type OpenAiFakeMode =
  | { kind: "normal" }
  /** Every generation answers this text (still streamed word by word when asked to stream). */
  | { kind: "reply"; text: string }
  /** Streams the first three pieces of this text, then fails mid-answer as OpenAI does (a non-streamed call answers 500). */
  | { kind: "break"; text: string }
  /** 429 rate_limit_exceeded, as OpenAI answers over the requests-per-minute limit. */
  | { kind: "rate_limit" }
  /** 429 insufficient_quota: the account has no credit left. */
  | { kind: "quota" }
  | { kind: "server_error" }
  /** Accepts the request and never answers, for timeouts. */
  | { kind: "hang" };

export type OpenAiFake = {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  url: string;
  requests: OpenAiFakeRequest[];
  /** Adds (or replaces) a key and the models it may use; every model of OPENAI_FAKE_MODELS by default. */
  addKey(key: string, models?: readonly string[]): void;
  removeKey(key: string): void;
  /** Applies to every API call (models included) until changed; "normal" restores the default behaviour. */
  setMode(mode: OpenAiFakeMode): void;
  reset(): void;
  close(): Promise<void>;
};

/** A key every fake knows from the start, allowed every model below. */
export const OPENAI_FAKE_KEY = "sk-test-fake-openai-key-0001";

/** A key the fake process (openai-server.ts) also knows, allowed gpt-3.5-turbo only: for "model not available". */
export const OPENAI_FAKE_LIMITED_KEY = "sk-test-fake-openai-limited-0002";

/** The models a key may use unless told otherwise: those of the settings screen except the retired 16k one. */
export const OPENAI_FAKE_MODELS = [
  "gpt-3.5-turbo",
  "gpt-4",
  "gpt-4-turbo",
  "gpt-4-0125-preview",
  "gpt-4-turbo-preview",
  "gpt-4o",
  "gpt-4o-mini",
] as const;

export async function startOpenAiFake(options: { port?: number; keys?: Record<string, readonly string[]> } = {}): Promise<OpenAiFake> {
  const initialKeys = options.keys ?? { [OPENAI_FAKE_KEY]: OPENAI_FAKE_MODELS };
  const keys = new Map<string, readonly string[]>(Object.entries(initialKeys));
  const requests: OpenAiFakeRequest[] = [];
  let mode: OpenAiFakeMode = { kind: "normal" };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readRequestBody(req);
    const method = req.method ?? "GET";

    // End-to-end tests run the fake in another process and steer it through these.
    if (url.pathname.startsWith("/__fake/")) {
      const control = url.pathname.slice("/__fake/".length);
      if (method === "GET" && control === "requests") return sendJson(res, 200, requests);
      if (method === "POST" && control === "mode") {
        mode = body as OpenAiFakeMode;
        return sendJson(res, 200, { ok: true });
      }
      if (method === "POST" && control === "keys") {
        const { key, models } = body as { key: string; models?: string[] };
        keys.set(key, models ?? OPENAI_FAKE_MODELS);
        return sendJson(res, 200, { ok: true });
      }
      if (method === "DELETE" && control.startsWith("keys/")) {
        keys.delete(decodeURIComponent(control.slice("keys/".length)));
        return sendJson(res, 200, { ok: true });
      }
      if (method === "POST" && control === "reset") {
        reset();
        return sendJson(res, 200, { ok: true });
      }
      return sendJson(res, 404, { error: "unknown fake control" });
    }

    requests.push({ method, path: url.pathname, headers: req.headers, body });

    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : "";
    if (!key) {
      return openAiError(res, 401, {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        code: null,
      });
    }
    const allowed = keys.get(key);
    if (!allowed) {
      return openAiError(res, 401, {
        message: `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: "invalid_request_error",
        code: "invalid_api_key",
      });
    }

    if (mode.kind === "hang") return; // The socket stays open until the client gives up or the fake closes.
    if (mode.kind === "rate_limit") {
      return openAiError(
        res,
        429,
        {
          message:
            "Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.",
          type: "requests",
          code: "rate_limit_exceeded",
        },
        { "x-ratelimit-limit-requests": "3", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "20s" },
      );
    }
    if (mode.kind === "quota") {
      return openAiError(res, 429, {
        message: "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        type: "insufficient_quota",
        code: "insufficient_quota",
      });
    }
    if (mode.kind === "server_error") return openAiError(res, 500, SERVER_ERROR);

    const path = url.pathname.replace(/^\/v1/, "");
    if (method === "GET" && path === "/models") {
      return sendJson(res, 200, { object: "list", data: allowed.map((model) => ({ id: model, object: "model", created: 1_700_000_000, owned_by: "system" })) });
    }
    if (method === "GET" && path.startsWith("/models/")) {
      const model = decodeURIComponent(path.slice("/models/".length));
      if (allowed.includes(model)) return sendJson(res, 200, { id: model, object: "model", created: 1_700_000_000, owned_by: "system" });
      return openAiError(res, 404, { message: `The model '${model}' does not exist`, type: "invalid_request_error", code: "model_not_found", param: "model" });
    }
    if (method === "POST" && (path === "/chat/completions" || path === "/responses")) {
      const request = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
      const model = typeof request.model === "string" ? request.model : "";
      if (!allowed.includes(model)) {
        return openAiError(res, 404, {
          message: `The model \`${model}\` does not exist or you do not have access to it.`,
          type: "invalid_request_error",
          code: "model_not_found",
        });
      }
      const messages = messagesOf(path, request);
      const reply = mode.kind === "reply" || mode.kind === "break" ? mode.text : defaultReply(model, messages);
      const breakAfter = mode.kind === "break" ? 3 : undefined;
      const usage = { input: messages.reduce((total, m) => total + tokens(m.text), 0), output: tokens(reply) };
      if (path === "/chat/completions") {
        if (request.stream === true) {
          const includeUsage = (request.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
          return streamChatCompletion(res, model, reply, usage, includeUsage, breakAfter);
        }
        if (breakAfter !== undefined) return openAiError(res, 500, SERVER_ERROR);
        return sendJson(res, 200, chatCompletion(model, reply, usage));
      }
      if (request.stream === true) return streamResponse(res, model, reply, usage, breakAfter);
      if (breakAfter !== undefined) return openAiError(res, 500, SERVER_ERROR);
      const item = messageItem(id("msg_"), "completed", reply);
      return sendJson(res, 200, { ...responseObject(id("resp_"), model, "completed", [item], usage, now()), output_text: reply });
    }
    return openAiError(res, 404, { message: `Invalid URL (${method} ${url.pathname})`, type: "invalid_request_error", code: null });
  });

  function reset() {
    mode = { kind: "normal" };
    keys.clear();
    for (const [key, models] of Object.entries(initialKeys)) keys.set(key, models);
    requests.length = 0;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    addKey: (key, models = OPENAI_FAKE_MODELS) => void keys.set(key, models),
    removeKey: (key) => void keys.delete(key),
    setMode: (next) => void (mode = next),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
