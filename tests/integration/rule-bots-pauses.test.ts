import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resumeBotsAction, sendMessageAction } from "@/app/(dashboard)/inbox/actions";
import { conversationEvents, leadEvents, leads } from "@/lib/db/schema";
import { getConversationDetail } from "@/lib/inbox/queries";
import { createMember } from "../support/factories";
import { actAs } from "../support/request-context";
import { HOUR, ruleBotsWorld, SECOND, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000304";
let w: RuleBotsWorld;
type Member = { userId: string; workspaceId: string; role: "admin" | "agent" };
let agent: Member;
let former: Member;

beforeAll(async () => {
  w = await ruleBotsWorld({ phone: PHONE });
  agent = { ...(await createMember(w.db, { workspaceId: w.workspaceId, role: "agent", name: "Ana Lima" })), workspaceId: w.workspaceId, role: "agent" };
  former = { ...(await createMember(w.db, { workspaceId: w.workspaceId, role: "agent", active: false })), workspaceId: w.workspaceId, role: "agent" };
});
afterAll(() => w?.close());
beforeEach(() => w.reset());

const bodies = (waId: string) => w.sentTo(waId).map((body) => (body.text as { body: string } | undefined)?.body);

describe("a stop keyword", () => {
  it("during a bot's delay cancels its reply and pauses every bot of the chat", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["preço"], delaySeconds: 60, reply: { kind: "text", text: "R$ 199" } });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "fallback" } });
    const waId = w.newCustomer();
    const start = Date.now();
    await w.post([w.text(waId, "preço?")]);
    await w.drain(new Date(start + SECOND));
    const conversation = await w.conversationOf(waId);
    expect((await w.jobsOf(conversation.id, "bot-reply")).map((job) => job.status)).toEqual(["pending"]);

    await w.post([w.text(waId, "PARE por favor")]);
    expect((await w.jobsOf(conversation.id, "bot-reply")).map((job) => job.status)).toEqual(["cancelled"]);
    const paused = await w.conversationOf(waId);
    expect(paused.botsPausedUntil!.getTime()).toBeGreaterThan(Date.now() + 2 * HOUR - 60 * SECOND);

    // While paused, a message schedules no turn, and nothing is sent.
    await w.post([w.text(waId, "preço de novo?")]);
    expect((await w.jobsOf(conversation.id, "bot-turn")).filter((job) => job.status === "pending")).toEqual([]);
    await w.drain(new Date(start + 61 * SECOND));
    expect(w.sentTo(waId)).toEqual([]);
  });
});

describe("an agent's own reply", () => {
  it("pauses every bot of the chat (the banner says so) and drops their scheduled replies; Resume bots lifts it", async () => {
    await w.insertBot({ trigger: "fallback", oncePerHours: 1, delaySeconds: 30, reply: { kind: "text", text: "Um momento" } });
    const waId = w.newCustomer();
    const start = Date.now();
    await w.post([w.text(waId, "oi")]);
    await w.drain(new Date(start + SECOND));
    const conversation = await w.conversationOf(waId);
    expect((await w.jobsOf(conversation.id, "bot-reply")).map((job) => job.status)).toEqual(["pending"]);

    actAs(agent);
    expect(await sendMessageAction({ conversationId: conversation.id, text: "Oi! Sou a Ana." })).toMatchObject({ ok: true });
    expect((await w.jobsOf(conversation.id, "bot-reply")).map((job) => job.status)).toEqual(["cancelled"]);
    const detail = await getConversationDetail(w.db, agent, conversation.id);
    expect(new Date(detail.botsPausedUntil!).getTime()).toBeGreaterThan(Date.now() + 2 * HOUR - 60 * SECOND);
    expect((await w.conversationOf(waId)).botsPausedUntil).not.toBeNull();

    await w.post([w.text(waId, "obrigado")]);
    await w.drain(new Date(start + 2 * 60 * SECOND));
    expect(bodies(waId)).toEqual(["Oi! Sou a Ana."]);

    expect(await resumeBotsAction({ conversationId: conversation.id })).toMatchObject({ ok: true });
    expect((await getConversationDetail(w.db, agent, conversation.id)).botsPausedUntil).toBeNull();
    await w.post([w.text(waId, "ainda aí?")]);
    await w.drain(new Date(Date.now() + SECOND));
    await w.drain(new Date(Date.now() + 31 * SECOND));
    expect(bodies(waId)).toEqual(["Oi! Sou a Ana.", "Um momento"]);
  });
});

describe("a bot's actions", () => {
  it("set the lead's status and tag, assign the chat, and hand over: bots pause", async () => {
    await w.insertBot({
      trigger: "keyword",
      keywords: ["atendente"],
      name: "Transferir",
      reply: { kind: "text", text: "Vou chamar um atendente" },
      actions: { leadStatus: "contacted", leadSourceId: null, addTag: "pediu humano", assignUserId: agent.userId, handOver: true },
    });
    await w.insertBot({ trigger: "fallback", oncePerHours: 1, reply: { kind: "text", text: "fallback" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    const conversation = await w.conversationOf(waId);
    const [lead] = await w.db.insert(leads).values({ workspaceId: w.workspaceId, contactId: conversation.contactId, conversationId: conversation.id, status: "closed", outcome: "lost" }).returning();

    await w.post([w.text(waId, "quero um atendente")]);
    await w.drainNow(SECOND);
    expect(bodies(waId)).toEqual(["fallback", "Vou chamar um atendente"]);
    const after = await w.conversationOf(waId);
    expect(after.assignedUserId).toBe(agent.userId);
    expect(after.botsPausedUntil!.getTime()).toBeGreaterThan(Date.now() + 2 * HOUR - 60 * SECOND);
    const [updated] = await w.db.select().from(leads).where(eq(leads.id, lead!.id));
    expect(updated).toMatchObject({ status: "contacted", outcome: null, tags: ["pediu humano"] });
    const events = await w.db.select().from(leadEvents).where(eq(leadEvents.leadId, lead!.id));
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue, e.actorUserId]).sort()).toEqual(
      [
        ["outcome", "lost", null, null],
        ["status", "closed", "contacted", null],
        ["tags", null, JSON.stringify(["pediu humano"]), null],
      ].sort(),
    );
    const [assigned] = await w.db.select().from(conversationEvents).where(and(eq(conversationEvents.conversationId, conversation.id), eq(conversationEvents.kind, "assigned")));
    expect(assigned).toMatchObject({ toUserId: agent.userId, actorUserId: null });

    // Handed over: the next message gets no bot.
    await w.post([w.text(waId, "alô?")]);
    await w.drainNow(2 * HOUR - 60 * SECOND);
    expect(bodies(waId)).toHaveLength(2);
  });

  it("skip an assignment to a member who is no longer active, and a contact without a lead", async () => {
    await w.insertBot({
      trigger: "keyword",
      keywords: ["vendas"],
      reply: { kind: "text", text: "Encaminhado" },
      actions: { leadStatus: "qualified", leadSourceId: null, addTag: null, assignUserId: former.userId, handOver: false },
    });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "vendas")]);
    expect(await w.drainNow()).toMatchObject({ succeeded: 2, dead: 0 });
    expect(bodies(waId)).toEqual(["Encaminhado"]);
    expect((await w.conversationOf(waId)).assignedUserId).not.toBe(former.userId);
  });
});
