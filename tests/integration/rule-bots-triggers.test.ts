import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { aiIntegrationSection } from "@/lib/ai/settings";
import { assistantSection } from "@/lib/bots/assistant-settings";
import { businessHoursSection } from "@/lib/business-hours/schedule";
import { botConversationRuns, contacts, jobs, leads, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { saveSettings } from "@/lib/settings/stored-section";
import { OPENAI_FAKE_KEY, startOpenAiFake, type OpenAiFake } from "../fakes/openai-api";
import { HOUR, ruleBotsWorld, SECOND, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000301";
let w: RuleBotsWorld;
let openai: OpenAiFake;

beforeAll(async () => {
  w = await ruleBotsWorld({ phone: PHONE, name: "Loja Sol" });
  openai = await startOpenAiFake();
  process.env.OPENAI_BASE_URL = openai.url;
  resetEnvCache();
  await saveSettings(w.db, w.workspaceId, aiIntegrationSection, { enabled: true, apiKey: OPENAI_FAKE_KEY, model: "gpt-4o-mini" }, null);
});
afterAll(async () => {
  delete process.env.OPENAI_BASE_URL;
  await openai?.close();
  await w?.close();
});
beforeEach(async () => {
  await w.reset();
  openai.reset();
  await saveSettings(w.db, w.workspaceId, assistantSection, { enabled: false, instructions: "", stopKeywords: [], footer: "", delaySeconds: 5, model: null }, null);
});

const texts = (waId: string) => w.sentTo(waId).map((body) => (body.text as { body: string } | undefined)?.body ?? `[${String(body.type)}]`);

describe("welcome", () => {
  it("greets a new contact's first message once, with the contact's and the business's names", async () => {
    const welcome = await w.insertBot({ trigger: "welcome", name: "Boas-vindas", reply: { kind: "text", text: "Olá {{first_name}}, bem-vinda à {{business_name}}! {{unknown}}" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    expect((await w.drainNow()).succeeded).toBe(2); // the turn, then the reply
    expect(texts(waId)).toEqual(["Olá Maria, bem-vinda à Loja Sol! {{unknown}}"]);

    const [reply] = await w.botMessages(waId);
    expect(reply).toMatchObject({ direction: "outbound", sender: "bot", botId: welcome.id, authorUserId: null, status: "sent", type: "text" });
    expect((await w.botRow(welcome.id)).sentCount).toBe(1);
    const conversation = await w.conversationOf(waId);
    expect(conversation).toMatchObject({ lastMessageSender: "bot", lastMessageDirection: "outbound" });
    const [run] = await w.db.select().from(botConversationRuns).where(eq(botConversationRuns.conversationId, conversation.id));
    expect(run).toMatchObject({ botId: welcome.id, workspaceId: w.workspaceId });

    // The contact's second message is not a first message.
    await w.post([w.text(waId, "tudo bem?")]);
    await w.drainNow();
    expect(texts(waId)).toHaveLength(1);
  });

  it("does not greet a contact who existed before their message (an agent started the chat)", async () => {
    await w.insertBot({ trigger: "welcome" });
    const waId = w.newCustomer();
    await w.db.insert(contacts).values({ workspaceId: w.workspaceId, waId, profileName: "Antigo" });
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    expect(texts(waId)).toEqual([]);
  });
});

describe("keywords", () => {
  it("contains: whole word, any case and accents; exact: the whole message", async () => {
    const prices = await w.insertBot({ trigger: "keyword", keywords: ["preço"], reply: { kind: "text", text: "Nossos preços: ..." } });
    await w.insertBot({ trigger: "keyword", keywords: ["1"], keywordMatch: "exact", reply: { kind: "text", text: "Opção 1 escolhida" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "Qual o PRECO do tênis?")]);
    await w.drainNow();
    await w.post([w.text(waId, " 1 ")]);
    await w.drainNow();
    await w.post([w.text(waId, "opção 1 por favor")]);
    await w.post([w.text(waId, "precos")]);
    await w.drainNow();
    expect(texts(waId)).toEqual(["Nossos preços: ...", "Opção 1 escolhida"]);
    expect((await w.botRow(prices.id)).sentCount).toBe(1);
  });

  it("a switched-off bot does not answer", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["pix"], enabled: false });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, enabled: false });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "aceita pix?")]);
    await w.drainNow();
    expect(texts(waId)).toEqual([]);
    // With no bot on, the webhook does not even schedule a turn.
    expect(await w.jobsOf((await w.conversationOf(waId)).id, "bot-turn")).toEqual([]);
  });
});

describe("away and fallback", () => {
  it("away answers outside business hours only", async () => {
    await w.insertBot({ trigger: "away", reply: { kind: "text", text: "Estamos fechados" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    expect(texts(waId)).toEqual([]);

    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: [], holidays: [] }, null);
    await w.post([w.text(waId, "alguém aí?")]);
    await w.drainNow();
    expect(texts(waId)).toEqual(["Estamos fechados"]);
  });

  it("the fallback answers when nothing else did, at most once per its N hours", async () => {
    const fallback = await w.insertBot({ trigger: "fallback", oncePerHours: 1, reply: { kind: "text", text: "Não entendi" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "hmm")]);
    await w.drainNow();
    await w.post([w.text(waId, "hmm de novo")]);
    await w.drainNow(30 * 60 * SECOND);
    expect(texts(waId)).toEqual(["Não entendi"]);
    await w.post([w.text(waId, "e agora?")]);
    await w.drainNow(HOUR + SECOND);
    expect(texts(waId)).toEqual(["Não entendi", "Não entendi"]);
    expect((await w.botRow(fallback.id)).sentCount).toBe(2);
  });

  it("once-per-N applies to any bot: a keyword bot inside its limit lets the next trigger answer", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["horário"], oncePerHours: 2, reply: { kind: "text", text: "8h às 18h" } });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "Um atendente já vem" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "qual o horário?")]);
    await w.drainNow();
    await w.post([w.text(waId, "horário de sábado?")]);
    await w.drainNow(HOUR);
    await w.post([w.text(waId, "horário de domingo?")]);
    await w.drainNow(2 * HOUR + SECOND);
    expect(texts(waId)).toEqual(["8h às 18h", "Um atendente já vem", "8h às 18h"]);
  });
});

describe("precedence", () => {
  it("a keyword message from a new contact outside hours gets the keyword bot only", async () => {
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: [], holidays: [] }, null);
    await w.insertBot({ trigger: "welcome", reply: { kind: "text", text: "Bem-vinda" } });
    await w.insertBot({ trigger: "away", reply: { kind: "text", text: "Fechados" } });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "Fallback" } });
    await w.insertBot({ trigger: "keyword", keywords: ["cardápio"], reply: { kind: "text", text: "Cardápio: ..." } });
    const first = w.newCustomer();
    await w.post([w.text(first, "me manda o cardapio")]);
    await w.drainNow();
    expect(texts(first)).toEqual(["Cardápio: ..."]);

    const second = w.newCustomer();
    await w.post([w.text(second, "oi")]);
    await w.drainNow();
    expect(texts(second)).toEqual(["Bem-vinda"]);
    await w.post([w.text(second, "oi?")]);
    await w.drainNow();
    expect(texts(second)).toEqual(["Bem-vinda", "Fechados"]);
  });
});

describe("audience", () => {
  it("leads are contacts without a won lead; customers have a won lead", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], audience: "customers", reply: { kind: "text", text: "Olá, cliente!" } });
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], audience: "leads", position: 1, reply: { kind: "text", text: "Olá, visitante!" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    const conversation = await w.conversationOf(waId);
    await w.db.insert(leads).values({ workspaceId: w.workspaceId, contactId: conversation.contactId, conversationId: conversation.id, status: "in_progress" });
    await w.post([w.text(waId, "oi de novo")]);
    await w.drainNow();
    await w.db.update(leads).set({ status: "closed", outcome: "won" }).where(eq(leads.contactId, conversation.contactId));
    await w.post([w.text(waId, "oi, comprei!")]);
    await w.drainNow();
    expect(texts(waId)).toEqual(["Olá, visitante!", "Olá, visitante!", "Olá, cliente!"]);
  });
});

describe("hostile rows", () => {
  it("a bot whose stored reply does not parse is skipped; the turn goes on to the next", async () => {
    const broken = await w.insertBot({ trigger: "keyword", keywords: ["oi"], reply: { kind: "buttons", body: "x", buttons: "not a list" } as never });
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], position: 1, reply: { kind: "text", text: "x".repeat(5000) } as never });
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], position: 1, reply: { kind: "carousel" } as never, audience: "martians" as never });
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], position: 2, actions: { handOver: "yes" } as never });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "Fallback" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    const summary = await w.drainNow();
    expect(summary).toMatchObject({ succeeded: 2, dead: 0, retried: 0 });
    expect(texts(waId)).toEqual(["Fallback"]);
    expect((await w.botRow(broken.id)).sentCount).toBe(0);
  });
});

describe("the AI assistant beside rule bots", () => {
  beforeEach(async () => {
    await saveSettings(w.db, w.workspaceId, assistantSection, { enabled: true, instructions: "Loja", stopKeywords: [], footer: "", delaySeconds: 5, model: null }, null);
  });
  const assistantJobs = async (waId: string) => w.jobsOf((await w.conversationOf(waId)).id, "assistant-reply");

  it("does not answer when a rule bot did", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"], reply: { kind: "text", text: "R$ 10" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "preço?")]);
    expect(await assistantJobs(waId)).toEqual([]);
    await w.drainNow(10 * SECOND);
    expect(texts(waId)).toEqual(["R$ 10"]);
    expect(await assistantJobs(waId)).toEqual([]);
    expect(openai.requests).toHaveLength(0);
  });

  it("answers when no rule bot matched, its delay after the message as without rule bots", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"] });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "vocês entregam?")]);
    const [turn] = await w.jobsOf((await w.conversationOf(waId)).id, "bot-turn");
    await w.drain(new Date(Date.now() + SECOND));
    const [job] = await assistantJobs(waId);
    expect(job).toMatchObject({ status: "pending", runAt: new Date(turn!.runAt.getTime() + 5 * SECOND) });
    await w.drain(new Date(turn!.runAt.getTime() + 5 * SECOND));
    expect(texts(waId)).toEqual(["[fake gpt-4o-mini] vocês entregam?"]);
  });

  it("is scheduled by the webhook itself, as before, when no rule bot is on", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"], enabled: false });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    const conversation = await w.conversationOf(waId);
    expect((await assistantJobs(waId)).map((job) => job.status)).toEqual(["pending"]);
    expect(await w.db.select().from(jobs).where(and(eq(jobs.kind, "bot-turn"), eq(jobs.dedupeKey, conversation.id)))).toEqual([]);
    expect(await w.db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.sender, "bot")))).toEqual([]);
  });
});
