import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, generateText, streamText, type LanguageModel } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OPENAI_FAKE_KEY, startOpenAiFake, type OpenAiFake } from "../fakes/openai-api";

// The fake must speak OpenAI's wire format closely enough for the real AI SDK client, on both APIs.

let fake: OpenAiFake;
beforeAll(async () => {
  fake = await startOpenAiFake();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const provider = (apiKey = OPENAI_FAKE_KEY) => createOpenAI({ apiKey, baseURL: fake.url });
const apis: [string, (model: string) => LanguageModel, string][] = [
  ["chat completions", (model) => provider().chat(model), "/v1/chat/completions"],
  ["responses", (model) => provider().responses(model), "/v1/responses"],
];

async function streamParts(model: LanguageModel) {
  const result = streamText({ model, instructions: "Be brief.", prompt: "Quanto   custa\no plano?", maxRetries: 0, onError: () => {} });
  const parts: { type: string; text?: string; error?: unknown }[] = [];
  for await (const part of result.stream) parts.push(part as never);
  return parts;
}

describe("the OpenAI fake", () => {
  for (const [name, model, path] of apis) {
    it(`answers ${name} with a reply derived from the prompt, and its usage`, async () => {
      const result = await generateText({ model: model("gpt-4o-mini"), instructions: "Be brief.", prompt: "Quanto   custa\no plano?", maxRetries: 0 });
      expect(result.text).toBe("[fake gpt-4o-mini] Quanto custa o plano?");
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
      const request = fake.requests.at(-1)!;
      expect(request).toMatchObject({ method: "POST", path, headers: { authorization: `Bearer ${OPENAI_FAKE_KEY}` } });
    });

    it(`streams ${name} as server-sent events in several deltas, with the usage at the end`, async () => {
      const parts = await streamParts(model("gpt-4o"));
      const deltas = parts.filter((p) => p.type === "text-delta").map((p) => p.text);
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.join("")).toBe("[fake gpt-4o] Quanto custa o plano?");
      const finish = parts.find((p) => p.type === "finish") as unknown as { totalUsage: { inputTokens: number; outputTokens: number } };
      expect(finish.totalUsage.inputTokens).toBeGreaterThan(0);
      expect(finish.totalUsage.outputTokens).toBeGreaterThan(0);
      expect((fake.requests.at(-1)!.body as { stream?: boolean }).stream).toBe(true);
    });

    it(`breaks off ${name} mid-answer when told to: the first words, then OpenAI's error event and no finish`, async () => {
      fake.setMode({ kind: "break", text: "Prezada Maria, segue o comprovante." });
      const parts = await streamParts(model("gpt-4o-mini"));
      expect(parts.filter((p) => p.type === "text-delta").map((p) => p.text)).toEqual(["Prezada ", "Maria, ", "segue "]);
      const error = parts.find((p) => p.type === "error");
      expect(error?.error).toMatchObject({ message: "The server had an error while processing your request. Sorry about that!" });
    });
  }

  it("refuses an unknown key with 401 and OpenAI's error body", async () => {
    const response = await fetch(`${fake.url}/models`, { headers: { authorization: "Bearer sk-not-a-real-key-9999" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: "Incorrect API key provided: sk-***************9999. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    const parts = await streamParts(provider("sk-not-a-real-key-9999").chat("gpt-4o-mini"));
    const error = parts.find((p) => p.type === "error")?.error;
    expect(APICallError.isInstance(error) && error.statusCode).toBe(401);
  });

  it("lists only the models a key may use, and answers 404 model_not_found for another", async () => {
    fake.addKey("sk-limited-key-0001", ["gpt-3.5-turbo"]);
    const list = (await (await fetch(`${fake.url}/models`, { headers: { authorization: "Bearer sk-limited-key-0001" } })).json()) as { data: { id: string }[] };
    expect(list.data.map((m) => m.id)).toEqual(["gpt-3.5-turbo"]);
    const parts = await streamParts(provider("sk-limited-key-0001").chat("gpt-4"));
    const error = parts.find((p) => p.type === "error")?.error as APICallError;
    expect(error.statusCode).toBe(404);
    expect(error.responseBody).toContain('"code":"model_not_found"');
  });

  it("answers 429 when told to, and a fixed text when told to", async () => {
    fake.setMode({ kind: "rate_limit" });
    const limited = (await streamParts(provider().chat("gpt-4o-mini"))).find((p) => p.type === "error")?.error as APICallError;
    expect(limited.statusCode).toBe(429);
    expect(limited.responseBody).toContain("rate_limit_exceeded");
    fake.setMode({ kind: "reply", text: "Olá, Maria! Temos sim." });
    const result = await generateText({ model: provider().responses("gpt-4o-mini"), prompt: "x", maxRetries: 0 });
    expect(result.text).toBe("Olá, Maria! Temos sim.");
  });

  it("hangs when told to, until the client gives up", async () => {
    fake.setMode({ kind: "hang" });
    const started = Date.now();
    await expect(fetch(`${fake.url}/models`, { headers: { authorization: `Bearer ${OPENAI_FAKE_KEY}` }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("is steered over HTTP by another process: mode, keys and the recorded requests", async () => {
    const origin = fake.url.replace(/\/v1$/, "");
    await fetch(`${origin}/__fake/keys`, { method: "POST", body: JSON.stringify({ key: "sk-added-over-http-1", models: ["gpt-4o"] }) });
    await fetch(`${origin}/__fake/mode`, { method: "POST", body: JSON.stringify({ kind: "reply", text: "fixed" }) });
    expect((await generateText({ model: provider("sk-added-over-http-1").chat("gpt-4o"), prompt: "x", maxRetries: 0 })).text).toBe("fixed");
    const recorded = (await (await fetch(`${origin}/__fake/requests`)).json()) as { path: string; body: { model?: string } }[];
    expect(recorded.at(-1)).toMatchObject({ path: "/v1/chat/completions", body: { model: "gpt-4o" } });
    await fetch(`${origin}/__fake/keys/sk-added-over-http-1`, { method: "DELETE" });
    expect((await fetch(`${fake.url}/models`, { headers: { authorization: "Bearer sk-added-over-http-1" } })).status).toBe(401);
  });
});
