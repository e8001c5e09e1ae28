import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * OpenAI's wire format for the fake (tests/fakes/openai-api.ts): response
 * objects, server-sent event streams and error bodies, shaped as
 * api.openai.com sends them (Chat Completions and Responses APIs).
 */

export const id = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;
export const now = () => Math.floor(Date.now() / 1000);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": id("req_"), ...headers });
  res.end(JSON.stringify(body));
}

export function openAiError(res: ServerResponse, status: number, error: { message: string; type: string; code: string | null; param?: string | null }, headers: Record<string, string> = {}) {
  sendJson(res, status, { error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code } }, headers);
}

/** OpenAI shows only the start and end of a wrong key. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}${"*".repeat(Math.min(20, key.length - 7))}${key.slice(-4)}` : "****";
}

export type Message = { role: string; text: string };

export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === "string" ? part : typeof (part as { text?: unknown })?.text === "string" ? (part as { text: string }).text : ""))
      .join("");
  }
  return "";
}

/** The conversation of a chat-completions body (`messages`) or a responses body (`instructions` + `input`). */
export function messagesOf(path: string, body: Record<string, unknown>): Message[] {
  if (path.endsWith("/chat/completions")) {
    return ((body.messages as { role?: string; content?: unknown }[] | undefined) ?? []).map((m) => ({ role: m.role ?? "user", text: contentText(m.content) }));
  }
  const messages: Message[] = [];
  if (typeof body.instructions === "string") messages.push({ role: "system", text: body.instructions });
  if (typeof body.input === "string") messages.push({ role: "user", text: body.input });
  else for (const item of (body.input as { role?: string; content?: unknown }[] | undefined) ?? []) messages.push({ role: item.role ?? "user", text: contentText(item.content) });
  return messages;
}

export const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function defaultReply(model: string, messages: Message[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user")?.text ?? "";
  return `[fake ${model}] ${lastUser.replace(/\s+/g, " ").trim().slice(0, 300)}`;
}

/** Word-sized pieces with their following spaces, so a stream has several deltas that join back to the text. */
export function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [""];
}

export type Usage = { input: number; output: number };

export function chatCompletion(model: string, reply: string, usage: Usage) {
  return {
    id: id("chatcmpl-"),
    object: "chat.completion",
    created: now(),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: reply, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
    usage: chatUsage(usage),
    service_tier: "default",
    system_fingerprint: "fp_fake0001",
  };
}

export function chatUsage(usage: Usage) {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** What OpenAI sends when it fails a request it already started answering. */
export const SERVER_ERROR = { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null };

/**
 * `breakAfter`: send only that many pieces, then fail as OpenAI does mid-stream
 * (an error event, and the stream ends without a finish).
 */
export function streamChatCompletion(res: ServerResponse, model: string, reply: string, usage: Usage, includeUsage: boolean, breakAfter?: number) {
  const base = { id: id("chatcmpl-"), object: "chat.completion.chunk", created: now(), model, service_tier: "default", system_fingerprint: "fp_fake0001" };
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-request-id": id("req_") });
  chunk([{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }]);
  for (const piece of pieces(reply).slice(0, breakAfter)) chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]);
  if (breakAfter !== undefined) return res.end(`data: ${JSON.stringify({ error: SERVER_ERROR })}\n\n`);
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]);
  // With stream_options.include_usage, OpenAI sends one more chunk: no choices, the usage.
  if (includeUsage) res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: chatUsage(usage) })}\n\n`);
  res.end("data: [DONE]\n\n");
}

export function responsesUsage(usage: Usage) {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.input + usage.output,
  };
}

export function responseObject(responseId: string, model: string, status: "in_progress" | "completed", output: unknown[], usage: Usage | null, createdAt: number) {
  return {
    id: responseId,
    object: "response",
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: true,
    temperature: 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: usage ? responsesUsage(usage) : null,
    user: null,
    metadata: {},
  };
}

export function messageItem(itemId: string, status: "in_progress" | "completed", text: string | null) {
  return { id: itemId, type: "message", status, role: "assistant", content: text === null ? [] : [{ type: "output_text", annotations: [], logprobs: [], text }] };
}

/** `breakAfter` as for streamChatCompletion; the Responses API names its failure an `error` event. */
export function streamResponse(res: ServerResponse, model: string, reply: string, usage: Usage, breakAfter?: number) {
  const responseId = id("resp_");
  const itemId = id("msg_");
  const createdAt = now();
  let sequence = 0;
  // Responses API events carry both an `event:` line and the type inside the data; there is no [DONE].
  const event = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-request-id": id("req_") });
  event("response.created", { response: responseObject(responseId, model, "in_progress", [], null, createdAt) });
  event("response.in_progress", { response: responseObject(responseId, model, "in_progress", [], null, createdAt) });
  event("response.output_item.added", { output_index: 0, item: messageItem(itemId, "in_progress", null) });
  event("response.content_part.added", { item_id: itemId, output_index: 0, content_index: 0, part: { type: "output_text", annotations: [], logprobs: [], text: "" } });
  for (const piece of pieces(reply).slice(0, breakAfter)) event("response.output_text.delta", { item_id: itemId, output_index: 0, content_index: 0, delta: piece, logprobs: [] });
  if (breakAfter !== undefined) {
    event("error", { code: "server_error", message: SERVER_ERROR.message, param: null });
    return res.end();
  }
  event("response.output_text.done", { item_id: itemId, output_index: 0, content_index: 0, text: reply, logprobs: [] });
  event("response.content_part.done", { item_id: itemId, output_index: 0, content_index: 0, part: { type: "output_text", annotations: [], logprobs: [], text: reply } });
  const done = messageItem(itemId, "completed", reply);
  event("response.output_item.done", { output_index: 0, item: done });
  event("response.completed", { response: responseObject(responseId, model, "completed", [done], usage, createdAt) });
  res.end();
}
