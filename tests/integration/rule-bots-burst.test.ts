import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/lib/db/rows";
import { jobs } from "@/lib/db/schema";
import { ruleBotsWorld, SECOND, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000303";
let w: RuleBotsWorld;

beforeAll(async () => {
  w = await ruleBotsWorld({ phone: PHONE });
});
afterAll(() => w?.close());
beforeEach(() => w.reset());

const texts = (waId: string) => w.sentTo(waId).map((body) => (body.text as { body: string }).body);

/** Whether the conversation's read mark is exactly its newest customer message's created_at (database clock, to the microsecond). */
async function readThroughNewest(conversationId: string): Promise<boolean> {
  const [row] = rowsOf<{ same: boolean }>(
    await w.db.execute(sql`select c.bots_read_through = (select max(m.created_at) from messages m where m.conversation_id = c.id and m.direction = 'inbound') as same
      from conversations c where c.id = ${conversationId}`),
  );
  return Boolean(row?.same);
}

describe("a burst of messages is answered once", () => {
  beforeEach(async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"], reply: { kind: "text", text: "R$ 199" } });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "Já te respondemos" } });
  });

  it("one webhook with three messages: one turn reads them all; the keyword among them answers", async () => {
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi"), w.text(waId, "qual o preço do tênis?"), w.text(waId, "tamanho 42")]);
    const conversation = await w.conversationOf(waId);
    expect((await w.jobsOf(conversation.id, "bot-turn")).map((job) => job.status)).toEqual(["pending"]);
    expect(await w.drainNow()).toMatchObject({ succeeded: 2, dead: 0 });
    expect(texts(waId)).toEqual(["R$ 199"]);
    expect(await readThroughNewest(conversation.id)).toBe(true);
  });

  it("three quick webhooks: the turn waiting joins them and answers once", async () => {
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.post([w.text(waId, "qual o preço?")]);
    await w.post([w.text(waId, "??")]);
    const conversation = await w.conversationOf(waId);
    expect(await w.jobsOf(conversation.id, "bot-turn")).toHaveLength(1);
    await w.drainNow();
    expect(texts(waId)).toEqual(["R$ 199"]);
    // Nothing is read twice: another run finds nothing new.
    await w.drainNow(SECOND);
    expect(texts(waId)).toEqual(["R$ 199"]);
  });
});

describe("concurrent deliveries", () => {
  it("the same message delivered three times at once is stored and answered once", async () => {
    await w.insertBot({ trigger: "welcome", reply: { kind: "text", text: "Bem-vindo!" } });
    const waId = w.newCustomer();
    const message = w.text(waId, "oi");
    await Promise.all([w.post([message]), w.post([message]), w.post([message])]);
    await Promise.all([w.drainNow(), w.drainNow(), w.drainNow()]);
    expect(texts(waId)).toEqual(["Bem-vindo!"]);
    expect(await w.botMessages(waId)).toHaveLength(1);
  });

  it("different messages at once, with jobs running in between, are answered once", async () => {
    const welcome = await w.insertBot({ trigger: "welcome", reply: { kind: "text", text: "Bem-vindo!" } });
    const waId = w.newCustomer();
    await Promise.all([
      w.post([w.text(waId, "oi")]),
      w.post([w.text(waId, "tudo bem?")]),
      w.drainNow(),
      w.post([w.text(waId, "alguém?")]),
      w.drainNow(),
      w.post([w.text(waId, "olá")]),
    ]);
    await Promise.all([w.drainNow(), w.drainNow()]);
    await w.drainNow();
    expect(texts(waId)).toEqual(["Bem-vindo!"]);
    expect((await w.botRow(welcome.id)).sentCount).toBe(1);
    const conversation = await w.conversationOf(waId);
    expect(await readThroughNewest(conversation.id)).toBe(true);
    expect(await w.db.select().from(jobs).where(eq(jobs.status, "dead"))).toEqual([]);
  });

  it("a keyword in each of two turns within the bot's delay: the later turn's reply replaces the earlier one", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"], delaySeconds: 30, reply: { kind: "text", text: "R$ 199" } });
    await w.insertBot({ trigger: "keyword", keywords: ["entrega"], delaySeconds: 30, position: 1, reply: { kind: "text", text: "Entregamos em 2 dias" } });
    const waId = w.newCustomer();
    const start = Date.now();
    await w.post([w.text(waId, "preço?")]);
    await w.drain(new Date(start + SECOND));
    await w.post([w.text(waId, "e a entrega?")]);
    await w.drain(new Date(start + 5 * SECOND));
    const conversation = await w.conversationOf(waId);
    expect((await w.jobsOf(conversation.id, "bot-reply")).map((job) => job.status).sort()).toEqual(["cancelled", "pending"]);
    await w.drain(new Date(start + 40 * SECOND));
    expect(texts(waId)).toEqual(["Entregamos em 2 dias"]);
  });
});
