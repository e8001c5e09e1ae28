import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resumeBotsAction, sendMessageAction } from "@/app/(dashboard)/inbox/actions";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { aiIntegrationSection } from "@/lib/ai/settings";
import { assistantReplyJob } from "@/lib/bots/assistant-reply";
import { assistantReplyKind } from "@/lib/bots/job-kinds";
import { assistantSection } from "@/lib/bots/assistant-settings";
import { JOB_DEFINITIONS } from "@/lib/composition/job-kinds";
import { stopBotSection } from "@/lib/bots/stop-bot-settings";
import type { Db, DbConnection } from "@/lib/db/client";
import { aiUsage, contacts, conversations, jobs, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { receiveInboundChange } from "@/lib/composition/inbound-pipeline";
import { runDueJobs } from "@/lib/jobs/runner";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { parseWebhook } from "@/lib/whatsapp/webhook-payload";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { OPENAI_FAKE_KEY, startOpenAiFake, type OpenAiFake } from "../fakes/openai-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";
import { textMessage, webhookBody } from "../support/webhook";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const TOKEN = "test-access-token-bots";
const PHONE = "100000000000077";
const OTHER_PHONE = "100000000000078";
const FOOTER = "— Loja Demo · digite PARE para parar";
const DELAY_S = 10;
const SECOND = 1000;
const HOUR = 3_600_000;

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
let openai: OpenAiFake;
let workspaceId: string;
let otherWorkspaceId: string;
type Member = { userId: string; workspaceId: string; role: "admin" | "agent" };
let admin: Member;
let agent: Member;
let outsider: Member;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setPhoneNumber(PHONE, { verified_name: "Loja Demo", display_phone_number: "+55 11 90000-0077" });
  openai = await startOpenAiFake();
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  process.env.OPENAI_BASE_URL = openai.url;
  resetEnvCache();
  workspaceId = (await createWorkspace(db, { name: "Bots" })).id;
  otherWorkspaceId = (await createWorkspace(db, { name: "Other" })).id;
  admin = { ...(await createMember(db, { workspaceId, role: "admin" })), workspaceId, role: "admin" };
  agent = { ...(await createMember(db, { workspaceId, role: "agent" })), workspaceId, role: "agent" };
  outsider = { ...(await createMember(db, { workspaceId: otherWorkspaceId, role: "admin" })), workspaceId: otherWorkspaceId, role: "admin" };
  await saveChannel(db, workspaceId, { phoneNumberId: PHONE, wabaId: "200000000000077", displayPhoneNumber: "+55 11 90000-0077", accessToken: TOKEN });
  await saveChannel(db, otherWorkspaceId, { phoneNumberId: OTHER_PHONE, wabaId: "200000000000078", displayPhoneNumber: "+55 11 90000-0078", accessToken: TOKEN });
  await saveSettings(db, workspaceId, aiIntegrationSection, { enabled: true, apiKey: OPENAI_FAKE_KEY, model: "gpt-4o-mini" }, null);
  await saveSettings(db, workspaceId, stopBotSection, { keywords: ["pare", "não quero mais"], restartAfterHours: 2 }, null);
});
afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  delete process.env.OPENAI_BASE_URL;
  resetEnvCache();
  await graph?.close();
  await openai?.close();
  await connection?.close();
});

let T0: Date;
let clock: Date;
const now = () => clock;
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeEach(async () => {
  // Real time, so the 24-hour window and the agent's send (which reads the real clock) agree with the clock here.
  T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
  clock = T0;
  openai.reset();
  graph.requests.length = 0;
  vi.mocked(publish).mockClear();
  // Replies scheduled by earlier tests must not run in this one.
  await db.delete(jobs);
  await saveSettings(db, workspaceId, assistantSection, {
    enabled: true, instructions: "Somos a Loja Demo. Vendemos tênis.", stopKeywords: ["humano"], footer: FOOTER, delaySeconds: DELAY_S, model: null,
  }, null);
});

let seq = 0;
/** A customer message stored through the inbound path at `when` (the webhook's timestamp and the server clock). */
async function customerSays(from: string, text: string, when: Date, phone = PHONE) {
  const body = webhookBody(phone, { messages: [textMessage(from, `wamid.bots.${++seq}`, text, Math.floor(when.getTime() / 1000))] });
  const [change] = parseWebhook(body).changes;
  return receiveInboundChange(db, change!, when);
}

const newCustomer = () => `55119${String(70_000_000 + ++seq * 7)}`;
async function conversationRow(waId: string) {
  const [row] = await db
    .select({ conversation: conversations })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.waId, waId)));
  return row!.conversation;
}
const replyJobs = (conversationId: string) =>
  db.select().from(jobs).where(and(eq(jobs.kind, "assistant-reply"), eq(jobs.dedupeKey, conversationId)));
const sentToWhatsApp = () => graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
/** The kinds as the app runs them: the assistant's events are published once its run returned. */
const drain = (when: Date) => {
  clock = when;
  return runDueJobs(db, JOB_DEFINITIONS, { now, random: () => 0 });
};

describe("the AI assistant", () => {
  it("answers after the delay with the footer appended, marked as the bot's", async () => {
    const waId = newCustomer();
    const outcome = await customerSays(waId, "Vocês têm tênis de corrida?", T0);
    expect(outcome.wakeAt).toEqual(at(DELAY_S * SECOND));

    expect((await drain(at(DELAY_S * SECOND - 1))).ran).toBe(0);
    expect((await drain(at(DELAY_S * SECOND))).succeeded).toBe(1);

    const sent = sentToWhatsApp();
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body as { to: string; text: { body: string } };
    expect(body.to).toBe(waId);
    expect(body.text.body).toBe(`[fake gpt-4o-mini] Vocês têm tênis de corrida?\n\n${FOOTER}`);
    const conversation = await conversationRow(waId);
    const [bot] = await db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.sender, "bot")));
    expect(bot).toMatchObject({ direction: "outbound", sender: "bot", status: "sent", authorUserId: null });
    expect(conversation).toMatchObject({ lastMessageDirection: "outbound", lastMessageSender: "bot", lastMessageAuthorId: null });
    expect(vi.mocked(publish).mock.calls.flat(2)).toContainEqual(expect.objectContaining({ name: "message.created", data: expect.objectContaining({ sender: "bot", messageId: bot!.id }) }));

    const completion = openai.requests.find((r) => r.path.endsWith("/chat/completions"))!;
    const sentMessages = (completion.body as { messages: { role: string; content: unknown }[] }).messages;
    expect(sentMessages[0]).toMatchObject({ role: "system" });
    expect(String(sentMessages[0]!.content)).toContain("Somos a Loja Demo. Vendemos tênis.");
    const [usage] = await db.select().from(aiUsage).where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.action, "assistant")));
    expect(usage).toMatchObject({ success: true, model: "gpt-4o-mini", userId: null });
    expect(usage!.inputTokens).toBeGreaterThan(0);
  });

  it("answers a burst of messages within the delay once, reading them all", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi", T0);
    await customerSays(waId, "quero um tênis", at(2 * SECOND));
    await customerSays(waId, "tamanho 42", at(4 * SECOND));
    const conversation = await conversationRow(waId);
    expect((await replyJobs(conversation.id)).filter((j) => j.status === "pending")).toHaveLength(1);

    await drain(at(DELAY_S * SECOND));
    expect(sentToWhatsApp()).toHaveLength(1);
    const completions = openai.requests.filter((r) => r.path.endsWith("/chat/completions"));
    expect(completions).toHaveLength(1);
    const user = (completions[0]!.body as { messages: { role: string; content: string }[] }).messages.filter((m) => m.role === "user");
    expect(user.map((m) => m.content).join("\n")).toBe("Oi\nquero um tênis\ntamanho 42");
  });

  it("never answers outside the 24-hour window, nor a reaction", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi", new Date(T0.getTime() - 25 * HOUR));
    await drain(T0);
    expect(sentToWhatsApp()).toHaveLength(0);

    const reacting = newCustomer();
    const body = webhookBody(PHONE, { messages: [{ from: reacting, id: `wamid.bots.${++seq}`, timestamp: String(Math.floor(T0.getTime() / 1000)), type: "reaction", reaction: { message_id: "wamid.none", emoji: "👍" } }] });
    const outcome = await receiveInboundChange(db, parseWebhook(body).changes[0]!, T0);
    expect(outcome.wakeAt).toBeNull();
  });

  it("stays silent when the assistant is turned off before the reply runs", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi", T0);
    await saveSettings(db, workspaceId, assistantSection, { enabled: false, instructions: "", stopKeywords: [], footer: FOOTER, delaySeconds: DELAY_S, model: null }, null);
    await drain(at(DELAY_S * SECOND));
    expect(sentToWhatsApp()).toHaveLength(0);
    expect(openai.requests).toHaveLength(0);
  });
});

describe("stop keywords", () => {
  it("pause every bot of the chat for the restart period, then bots answer again with no one acting", async () => {
    const waId = newCustomer();
    const outcome = await customerSays(waId, "Por favor, PARE de me mandar mensagens!", T0);
    expect(outcome.wakeAt).toBeNull();
    const conversation = await conversationRow(waId);
    expect(conversation.botsPausedUntil).toEqual(at(2 * HOUR));

    expect((await customerSays(waId, "oi?", at(HOUR))).wakeAt).toBeNull();
    await drain(at(HOUR + DELAY_S * SECOND));
    expect(sentToWhatsApp()).toHaveLength(0);

    const after = await customerSays(waId, "voltei", at(2 * HOUR + SECOND));
    expect(after.wakeAt).toEqual(at(2 * HOUR + SECOND + DELAY_S * SECOND));
    await drain(at(2 * HOUR + SECOND + DELAY_S * SECOND));
    expect(sentToWhatsApp()).toHaveLength(1);
  });

  it("match whole words and phrases, ignoring case and accents", async () => {
    const words = newCustomer();
    await customerSays(words, "parei de usar o tênis", T0);
    expect((await conversationRow(words)).botsPausedUntil).toBeNull();
    const phrase = newCustomer();
    await customerSays(phrase, "Nao  QUERO mais, obrigado", T0);
    expect((await conversationRow(phrase)).botsPausedUntil).toEqual(at(2 * HOUR));
  });

  it("cancel a reply already scheduled when sent during the delay", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Olá", T0);
    const conversation = await conversationRow(waId);
    await customerSays(waId, "pare", at(5 * SECOND));
    expect((await replyJobs(conversation.id)).map((j) => j.status)).toEqual(["cancelled"]);
    await drain(at(DELAY_S * SECOND + HOUR));
    expect(sentToWhatsApp()).toHaveLength(0);
    expect(openai.requests).toHaveLength(0);
  });

  it("of the assistant stop only the assistant, for the Stop Bot period", async () => {
    const waId = newCustomer();
    await customerSays(waId, "quero falar com um HUMANO", T0);
    const conversation = await conversationRow(waId);
    expect(conversation.botsPausedUntil).toBeNull();
    expect(conversation.assistantPausedUntil).toEqual(at(2 * HOUR));
    expect((await customerSays(waId, "alô", at(SECOND))).wakeAt).toBeNull();
  });
});

describe("people and the assistant", () => {
  it("an agent's reply cancels the scheduled reply and pauses the assistant in that chat", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi, preciso de ajuda", T0);
    const conversation = await conversationRow(waId);
    actAs(agent);
    const sent = await sendMessageAction({ conversationId: conversation.id, text: "Oi! Sou a Ana, posso ajudar." });
    expect(sent).toMatchObject({ ok: true });
    expect((await replyJobs(conversation.id)).map((j) => j.status)).toEqual(["cancelled"]);
    const paused = await conversationRow(waId);
    expect(paused.assistantPausedUntil!.getTime()).toBeGreaterThan(Date.now() + 2 * HOUR - 60 * SECOND);
    expect((await customerSays(waId, "obrigado", at(30 * SECOND))).wakeAt).toBeNull();
    await drain(at(HOUR));
    expect(sentToWhatsApp().filter((r) => (r.body as { text: { body: string } }).text.body.includes("[fake"))).toHaveLength(0);
  });

  it("Resume bots lifts the pauses for members who may see the chat, and refuses others", async () => {
    const waId = newCustomer();
    await customerSays(waId, "pare", T0);
    const conversation = await conversationRow(waId);
    actAs(outsider);
    expect(await resumeBotsAction({ conversationId: conversation.id })).toMatchObject({ ok: false, code: "not_found:conversation" });
    expect((await conversationRow(waId)).botsPausedUntil).not.toBeNull();
    actAs(agent);
    expect((await resumeBotsAction({ conversationId: conversation.id })).ok).toBe(true);
    expect(await conversationRow(waId)).toMatchObject({ botsPausedUntil: null, assistantPausedUntil: null });
  });
});

describe("failures and concurrency", () => {
  it("retries a failing OpenAI call, then keeps the job dead without losing the customer's message", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi", T0);
    const conversation = await conversationRow(waId);
    openai.setMode({ kind: "server_error" });
    let when = at(DELAY_S * SECOND);
    for (let attempt = 1; attempt <= assistantReplyJob.maxAttempts; attempt++) {
      await drain(when);
      const [job] = await replyJobs(conversation.id);
      expect(job!.attempts).toBe(attempt);
      when = job!.runAt;
    }
    const [job] = await replyJobs(conversation.id);
    expect(job).toMatchObject({ status: "dead", attempts: 4 });
    expect(job!.lastError).toContain("assistant reply failed");
    expect(sentToWhatsApp()).toHaveLength(0);
    const failures = await db.select().from(aiUsage).where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.success, false)));
    expect(failures.length).toBeGreaterThanOrEqual(4);
    const kept = await db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(kept.map((m) => m.text)).toEqual(["Oi"]);
  });

  it("two workers draining at once never send one reply twice", async () => {
    const customers = Array.from({ length: 6 }, () => newCustomer());
    for (const waId of customers) await customerSays(waId, `Oi de ${waId}`, T0);
    clock = at(DELAY_S * SECOND);
    await Promise.all([1, 2, 3].map(() => runDueJobs(db, [assistantReplyJob], { now, batchSize: 2 })));
    const recipients = sentToWhatsApp().map((r) => (r.body as { to: string }).to).sort();
    expect(recipients).toEqual([...customers].sort());
  });

  it("a reply job run again after it sent (a lost lease) does not send twice", async () => {
    const waId = newCustomer();
    await customerSays(waId, "Oi", T0);
    const conversation = await conversationRow(waId);
    const [job] = await replyJobs(conversation.id);
    const asJob = { id: job!.id, workspaceId, kind: job!.kind, payload: assistantReplyKind.payload.parse(job!.payload), attempts: 1, claim: 1, runAt: job!.runAt, createdAt: job!.createdAt };
    const first = await assistantReplyJob.run(asJob, { db, now: () => at(DELAY_S * SECOND), signal: new AbortController().signal });
    const second = await assistantReplyJob.run({ ...asJob, attempts: 2, claim: 2 }, { db, now: () => at(DELAY_S * SECOND + 1), signal: new AbortController().signal });
    expect(first).toMatchObject({ replied: true });
    expect(second).toMatchObject({ replied: false });
    expect(sentToWhatsApp()).toHaveLength(1);
  });
});

describe("the bot settings sections", () => {
  it("save stop keywords as a clean list, and refuse agents", async () => {
    actAs(admin);
    const saved = await saveSettingsAction({ section: "stop-bot", values: { keywords: [" Pare ", "pare", "PARÉ", "", "cancelar"], restartAfterHours: 6 } });
    expect(saved.ok).toBe(true);
    const stored = await db.query.settings.findFirst({ where: (s, { and: both, eq: is }) => both(is(s.workspaceId, workspaceId), is(s.section, "stop-bot")) });
    expect(stored!.value).toEqual({ keywords: ["Pare", "cancelar"], restartAfterHours: 6 });
    expect(await saveSettingsAction({ section: "stop-bot", values: { keywords: [], restartAfterHours: 0 } })).toMatchObject({ ok: false, fieldErrors: { "values.restartAfterHours": expect.any(String) } });
    actAs(agent);
    expect((await saveSettingsAction({ section: "stop-bot", values: { keywords: [], restartAfterHours: 3 } })).ok).toBe(false);
    await saveSettings(db, workspaceId, stopBotSection, { keywords: ["pare", "não quero mais"], restartAfterHours: 2 }, null);
  });

  it("require the assistant's footer and delay, and OpenAI on before enabling it", async () => {
    actAs(admin);
    const missing = await saveSettingsAction({ section: "ai-assistant", values: { enabled: true, instructions: "", stopKeywords: [], footer: "  ", delaySeconds: Number.NaN, model: null } });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { "values.footer": expect.any(String), "values.delaySeconds": expect.any(String) } });

    actAs(outsider);
    const noAi = await saveSettingsAction({ section: "ai-assistant", values: { enabled: true, instructions: "", stopKeywords: [], footer: "x", delaySeconds: 5, model: null } });
    expect(noAi).toMatchObject({ ok: false, fieldErrors: { "values.enabled": expect.any(String) } });
  });
});
