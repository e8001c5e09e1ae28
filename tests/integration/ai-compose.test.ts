import { and, desc, eq } from "drizzle-orm";
import { parseJsonEventStream, uiMessageChunkSchema, type UIMessageChunk } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/ai/compose/route";
import { createPrompt } from "@/lib/ai/prompts";
import { aiIntegrationSection } from "@/lib/ai/settings";
import type { DbConnection } from "@/lib/db/client";
import { aiUsage, contacts, conversations, messages, settings } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { OPENAI_FAKE_KEY, OPENAI_FAKE_MODELS, startOpenAiFake, type OpenAiFake } from "../fakes/openai-api";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, requestContext, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

type Member = Awaited<ReturnType<typeof createMember>> & { workspaceId: string; role: "admin" | "agent" };
let connection: DbConnection;
let fake: OpenAiFake;
let workspaceId: string;
let agent: Member;
let otherAdmin: Member;
let conversationId: string;
let otherConversationId: string;
const db = () => connection.db;

async function conversationWith(workspace: string, waId: string, chat: { from: "customer" | "agent"; text: string }[]) {
  const [contact] = await db().insert(contacts).values({ workspaceId: workspace, waId, profileName: "Maria" }).returning();
  const [conversation] = await db().insert(conversations).values({ workspaceId: workspace, contactId: contact!.id }).returning();
  const start = Date.now() - chat.length * 60_000;
  await db()
    .insert(messages)
    .values(
      chat.map((m, i) => ({
        workspaceId: workspace,
        conversationId: conversation!.id,
        direction: m.from === "customer" ? ("inbound" as const) : ("outbound" as const),
        sender: m.from,
        type: "text",
        text: m.text,
        status: m.from === "customer" ? ("received" as const) : ("read" as const),
        sentAt: new Date(start + i * 60_000),
      })),
    );
  return conversation!.id;
}

const aiSettings = (workspace: string, values: { enabled: boolean; apiKey: string; model?: "gpt-4o-mini" | "gpt-4o" }) =>
  saveSettings(db(), workspace, aiIntegrationSection, { model: "gpt-4o-mini", ...values }, null);

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  fake = await startOpenAiFake();
  process.env.OPENAI_BASE_URL = fake.url;
  resetEnvCache();
  workspaceId = (await createWorkspace(db())).id;
  agent = { ...(await createMember(db(), { workspaceId, role: "agent" })), workspaceId, role: "agent" };
  const otherWorkspaceId = (await createWorkspace(db())).id;
  otherAdmin = { ...(await createMember(db(), { workspaceId: otherWorkspaceId, role: "admin" })), workspaceId: otherWorkspaceId, role: "admin" };
  conversationId = await conversationWith(workspaceId, "5511987654321", [
    { from: "customer", text: "Olá! Quanto custa o plano anual?" },
    { from: "agent", text: "O plano anual sai por R$ 1.188." },
    { from: "customer", text: "Tem desconto no Pix?" },
  ]);
  otherConversationId = await conversationWith(otherWorkspaceId, "5521912345678", [{ from: "customer", text: "Segredo da outra empresa" }]);
  await aiSettings(otherWorkspaceId, { enabled: true, apiKey: OPENAI_FAKE_KEY });
});
afterAll(async () => {
  actAs(null);
  requestContext.locale = "en";
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_TIMEOUT_MS;
  resetEnvCache();
  await fake?.close();
  await connection?.close();
});
beforeEach(async () => {
  fake.reset();
  requestContext.locale = "en";
  actAs(agent);
  await aiSettings(workspaceId, { enabled: true, apiKey: OPENAI_FAKE_KEY });
});

/** What the composer's useCompletion sends: the draft as `prompt`, the action and its fields beside it. */
function post(action: string, { text, ...fields }: Record<string, unknown>, init: RequestInit = {}) {
  const body = JSON.stringify({ prompt: text, action, ...fields });
  return POST(new Request("http://localhost/api/ai/compose", { method: "POST", body, headers: { "content-type": "application/json" }, ...init }), {});
}

/** The UI message stream as useCompletion reads it, parsed by the AI SDK: its text deltas and its error, if any. */
async function readStream(response: Response) {
  const reader = parseJsonEventStream({ stream: response.body!, schema: uiMessageChunkSchema }).getReader();
  const chunks: UIMessageChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value.success) throw value.error;
    chunks.push(value.value);
  }
  const deltas = chunks.flatMap((chunk) => (chunk.type === "text-delta" ? [chunk.delta] : []));
  const error = chunks.find((chunk) => chunk.type === "error");
  return { deltas, text: deltas.join(""), errorText: error?.type === "error" ? error.errorText : undefined };
}
const streamedText = async (response: Response) => (await readStream(response)).text;

type ChatBody = { model: string; stream: boolean; messages: { role: string; content: string }[] };
const lastChatRequest = () => fake.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)?.body as ChatBody;

const usageRows = () => db().select().from(aiUsage).where(eq(aiUsage.workspaceId, workspaceId)).orderBy(desc(aiUsage.createdAt));

describe("POST /api/ai/compose", () => {
  it("translates a draft: streams the answer in pieces, asked of chat completions with the workspace's key and model", async () => {
    const response = await post("translate", { conversationId, text: "Bom dia, seu pedido saiu para entrega", language: "en" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    const { deltas, text, errorText } = await readStream(response);
    expect(deltas.length).toBeGreaterThan(1);
    expect(errorText).toBeUndefined();
    expect(text).toBe("[fake gpt-4o-mini] <draft> Bom dia, seu pedido saiu para entrega </draft>");
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_FAKE_KEY}`);
    const body = lastChatRequest();
    expect(body).toMatchObject({ model: "gpt-4o-mini", stream: true });
    expect(body.messages[0]).toMatchObject({ role: "system", content: expect.stringContaining("translate the draft into English") });
    expect(body.messages[1]!.role).toBe("user");
  });

  it("records each call in ai_usage once its stream has ended: who, what, model, tokens and duration", async () => {
    await readStream(await post("simplify", { conversationId, text: "Informamos que a entrega será efetuada oportunamente." }));
    const [row] = await usageRows();
    expect(row).toMatchObject({ userId: agent.userId, action: "simplify", model: "gpt-4o-mini", success: true, errorCode: null });
    expect(row!.inputTokens).toBeGreaterThan(0);
    expect(row!.outputTokens).toBeGreaterThan(0);
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("uses the model the workspace chose", async () => {
    await aiSettings(workspaceId, { enabled: true, apiKey: OPENAI_FAKE_KEY, model: "gpt-4o" });
    expect(await streamedText(await post("grammar", { conversationId, text: "ola tudo bem" }))).toContain("[fake gpt-4o]");
    expect(lastChatRequest().model).toBe("gpt-4o");
  });

  it("changes the tone with the chosen tone's rule", async () => {
    fake.setMode({ kind: "reply", text: "Prezada Maria, segue o comprovante." });
    expect(await streamedText(await post("tone", { conversationId, text: "manda o comprovante", tone: "professional" }))).toBe("Prezada Maria, segue o comprovante.");
    expect(lastChatRequest().messages[0]!.content).toContain("professional: courteous");
  });

  it("drafts a smart reply from the last messages of this conversation only", async () => {
    await readStream(await post("smart-reply", { conversationId }));
    const user = lastChatRequest().messages[1]!.content;
    expect(user).toBe(
      "<conversation>\nCustomer: Olá! Quanto custa o plano anual?\nAgent: O plano anual sai por R$ 1.188.\nCustomer: Tem desconto no Pix?\n</conversation>",
    );
    expect(user).not.toContain("Segredo da outra empresa");
  });

  it("applies a saved prompt: the admins' instruction as the rule, the chat and draft as data", async () => {
    const prompt = await createPrompt(db(), workspaceId, { name: "Oferta Pix", instruction: "Ofereça 5% de desconto no Pix, com simpatia." });
    const text = await streamedText(await post("custom-prompt", { conversationId, promptId: prompt.id, text: "Temos sim!" }));
    expect(text).toContain("[fake gpt-4o-mini]");
    const [system, user] = lastChatRequest().messages;
    expect(system!.content).toContain("Ofereça 5% de desconto no Pix, com simpatia.");
    expect(user!.content).toContain("Customer: Tem desconto no Pix?");
    expect(user!.content).toContain("<draft>\nTemos sim!\n</draft>");
    expect((await usageRows())[0]).toMatchObject({ action: "custom-prompt", success: true });
  });

  it("refuses another workspace's saved prompt as not found", async () => {
    const foreign = await createPrompt(db(), otherAdmin.workspaceId, { name: "Deles", instruction: "Segredo." });
    const response = await post("custom-prompt", { conversationId, promptId: foreign.id });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found:ai_prompt" });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses another workspace's conversation with 404, asking nothing of OpenAI", async () => {
    const response = await post("translate", { conversationId: otherConversationId, text: "oi", language: "en" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found:conversation", message: "Not found, or you don't have access to it." });
    actAs(otherAdmin);
    expect((await post("smart-reply", { conversationId })).status).toBe(404);
    expect((await post("smart-reply", { conversationId: "not-a-uuid" })).status).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an agent a chat assigned to someone else when chats are restricted to their assignee", async () => {
    await saveSettings(db(), workspaceId, supportAgentSection, { restrictToAssigned: true, autoAssign: true, method: "round_robin" }, null);
    try {
      expect((await post("smart-reply", { conversationId })).status).toBe(404);
    } finally {
      await saveSettings(db(), workspaceId, supportAgentSection, { restrictToAssigned: false, autoAssign: true, method: "round_robin" }, null);
    }
  });

  it("says in words that AI is off, without calling OpenAI or counting a call", async () => {
    await aiSettings(workspaceId, { enabled: false, apiKey: OPENAI_FAKE_KEY });
    const before = (await usageRows()).length;
    const response = await post("translate", { conversationId, text: "oi", language: "en" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: "conflict:ai_disabled",
      message: "AI is turned off for this workspace. An admin can turn it on in Settings → AI integration.",
    });
    expect(fake.requests).toHaveLength(0);
    expect(await usageRows()).toHaveLength(before);
  });

  it("says in words that no key is saved", async () => {
    // An empty key on save keeps the stored one, so the row goes first: a workspace whose key was never saved.
    await db().delete(settings).where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, "ai-integration")));
    await aiSettings(workspaceId, { enabled: true, apiKey: "" });
    const response = await post("grammar", { conversationId, text: "oi" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "conflict:ai_no_key", message: expect.stringContaining("No OpenAI key is saved") });
  });

  it("says in words, in the member's language, that OpenAI refused a key revoked since it was saved, and records the failure", async () => {
    fake.removeKey(OPENAI_FAKE_KEY);
    requestContext.locale = "pt-BR";
    const response = await post("translate", { conversationId, text: "Good morning", language: "pt-BR" });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "unavailable:ai_invalid_key",
      message: "A OpenAI recusou a chave do espaço de trabalho. Um administrador pode verificá-la em Configurações → Integração com IA.",
    });
    expect((await usageRows())[0]).toMatchObject({ action: "translate", success: false, errorCode: "unavailable:ai_invalid_key", inputTokens: 0 });
  });

  it("says the key cannot use the model when OpenAI answers model_not_found", async () => {
    fake.addKey(OPENAI_FAKE_KEY, ["gpt-3.5-turbo"]);
    const response = await post("simplify", { conversationId, text: "oi" });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "unavailable:ai_model", message: expect.stringContaining("can't use the chosen model") });
    fake.addKey(OPENAI_FAKE_KEY, OPENAI_FAKE_MODELS);
  });

  it("says so when OpenAI rate-limits the workspace (429), without retrying inside the call", async () => {
    fake.setMode({ kind: "rate_limit" });
    const response = await post("grammar", { conversationId, text: "oi" });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: "rate_limited:ai", message: expect.stringContaining("too many requests") });
    expect(fake.requests).toHaveLength(1);
    expect((await usageRows())[0]).toMatchObject({ success: false, errorCode: "rate_limited:ai" });
  });

  it("says the OpenAI account has run out of credit when OpenAI answers insufficient_quota", async () => {
    fake.setMode({ kind: "quota" });
    const response = await post("simplify", { conversationId, text: "oi" });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: "rate_limited:ai_quota",
      message: "The OpenAI account has run out of credit. An admin can check its plan and billing at OpenAI.",
    });
    expect((await usageRows())[0]).toMatchObject({ success: false, errorCode: "rate_limited:ai_quota" });
  });

  it("gives up after OPENAI_TIMEOUT_MS on a server that does not answer, and says it timed out", async () => {
    process.env.OPENAI_TIMEOUT_MS = "1000";
    resetEnvCache();
    fake.setMode({ kind: "hang" });
    try {
      const started = Date.now();
      const response = await post("grammar", { conversationId, text: "oi" });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: "unavailable:ai_timeout", message: "OpenAI took too long to answer. Try again." });
      expect((await usageRows())[0]).toMatchObject({ success: false, errorCode: "unavailable:ai_timeout" });
    } finally {
      delete process.env.OPENAI_TIMEOUT_MS;
      resetEnvCache();
    }
  });

  it("records a suggestion the agent stopped half-way as cancelled", async () => {
    // Long enough that the answer is still arriving when the reader goes away.
    fake.setMode({ kind: "reply", text: "palavra ".repeat(400) });
    const response = await post("grammar", { conversationId, text: "uma frase comprida o bastante para vários pedaços" });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(async () => (await usageRows())[0]).toMatchObject({ action: "grammar", success: false, errorCode: "cancelled" });
  });

  it("records a request the agent gave up on before OpenAI answered as cancelled", async () => {
    fake.setMode({ kind: "hang" });
    const leave = new AbortController();
    const answer = post("grammar", { conversationId, text: "oi" }, { signal: leave.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    leave.abort();
    expect((await answer).status).toBeGreaterThanOrEqual(400);
    expect((await usageRows())[0]).toMatchObject({ action: "grammar", success: false, errorCode: "cancelled" });
  });

  it("says in words when the answer breaks off half-way: the words so far, then the failure, which is recorded", async () => {
    fake.setMode({ kind: "break", text: "Prezada Maria, segue o comprovante do pedido." });
    const response = await post("tone", { conversationId, text: "manda o comprovante", tone: "professional" });
    expect(response.status).toBe(200);
    const { text, errorText } = await readStream(response);
    expect(text).toBe("Prezada Maria, segue ");
    expect(errorText).toBe("OpenAI could not be reached. Try again in a moment.");
    expect((await usageRows())[0]).toMatchObject({ action: "tone", success: false, errorCode: "unavailable:ai" });
  });

  it("refuses an anonymous caller, an unknown action and an empty or too long draft, in words", async () => {
    const unknown = await post("summon-demons", { conversationId, text: "oi" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "bad_request:input", fields: ["action"], message: "The request is not valid." });
    const empty = await post("translate", { conversationId, text: "   ", language: "en" });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: "bad_request:input", fields: ["text"], message: "Type a draft first." });
    requestContext.locale = "pt-BR";
    const long = await post("grammar", { conversationId, text: "x".repeat(4097) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ message: "Este rascunho é longo demais para o assistente de IA: ele aceita no máximo 4.096 caracteres." });
    requestContext.locale = "en";
    actAs(null);
    const anonymous = await post("translate", { conversationId, text: "oi", language: "en" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "unauthorized:session", message: "Your session has ended. Sign in again." });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a body over 64 KB with 413, announced or streamed without a length, before asking OpenAI", async () => {
    const announced = await post("translate", { conversationId, text: "x".repeat(70 * 1024), language: "en" });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ error: "bad_request:too_large", message: "This draft is too long for the AI assistant: it takes at most 4,096 characters." });
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => (sent++ < 1000 ? controller.enqueue(chunk) : controller.close()) });
    const streamed = new Request("http://localhost/api/ai/compose", { method: "POST", body, duplex: "half" } as RequestInit);
    const response = await POST(streamed, {});
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "bad_request:too_large" });
    expect(sent).toBeLessThan(10); // 16 MB offered; reading stopped past 64 KB
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps the workspace's usage apart from another workspace's", async () => {
    actAs(otherAdmin);
    await readStream(await post("smart-reply", { conversationId: otherConversationId }));
    const rows = await db().select().from(aiUsage).where(and(eq(aiUsage.workspaceId, otherAdmin.workspaceId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: otherAdmin.userId, action: "smart-reply" });
  });
});
