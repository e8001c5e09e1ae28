import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { retryMessageAction } from "@/app/(dashboard)/inbox/actions";
import { botReplyKind } from "@/lib/bots/rules/job-kinds";
import { jobs, messageBots, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { webhookForwardingSection } from "@/lib/forwarding/settings";
import { storeOutboundMessage } from "@/lib/inbox/outbound";
import { sendFailure } from "@/lib/inbox/send-errors";
import { enqueueJob } from "@/lib/jobs/queue";
import { saveSettings } from "@/lib/settings/stored-section";
import { startForwardingReceiver, type ForwardingReceiver } from "../fakes/forwarding-receiver";
import { createMember } from "../support/factories";
import { actAs } from "../support/request-context";
import { ruleBotsWorld, SECOND, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000305";
let w: RuleBotsWorld;
let receiver: ForwardingReceiver;
let agent: { userId: string; workspaceId: string; role: "agent" };

beforeAll(async () => {
  // The receiver listens on loopback, which only the development flag allows.
  vi.stubEnv("ALLOW_PRIVATE_WEBHOOK_TARGETS", "1");
  resetEnvCache();
  w = await ruleBotsWorld({ phone: PHONE });
  receiver = await startForwardingReceiver();
  agent = { ...(await createMember(w.db, { workspaceId: w.workspaceId, role: "agent" })), workspaceId: w.workspaceId, role: "agent" };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvCache();
  await receiver?.close();
  await w?.close();
});
beforeEach(async () => {
  await w.reset();
  receiver.reset();
  await saveSettings(w.db, w.workspaceId, webhookForwardingSection, { enabled: false, method: "POST", url: "", secret: "" }, null);
});

/**
 * A chat with a customer message and a bot reply job claimed by a worker that
 * died (its lease ran out), plus, when asked, the message that worker had
 * stored before dying: the states a crash can leave behind.
 */
async function crashedReply(options: { stored: boolean; sendStarted: boolean }) {
  const bot = await w.insertBot({ trigger: "keyword", keywords: ["preço"], delaySeconds: 3600, reply: { kind: "text", text: "R$ 199" } });
  const waId = w.newCustomer();
  await w.post([w.text(waId, "preço?")]);
  await w.drainNow();
  const conversation = await w.conversationOf(waId);
  const [job] = await w.jobsOf(conversation.id, botReplyKind.name);
  // The worker claimed it a while ago and never finished.
  await w.db.update(jobs).set({ status: "running", attempts: 1, lockedUntil: new Date(Date.now() - SECOND), runAt: new Date(Date.now() - 60 * SECOND) }).where(eq(jobs.id, job!.id));
  let messageId: string | null = null;
  if (options.stored) {
    messageId = await storeOutboundMessage(w.db, conversation, {
      sender: "bot",
      authorUserId: null,
      botId: bot.id,
      type: "text",
      text: "R$ 199",
      payload: { botKey: job!.id, ...(options.sendStarted ? { sendStartedAt: new Date().toISOString() } : {}) },
      now: new Date(),
    });
  }
  return { waId, bot, messageId, jobId: job!.id };
}

describe("crash safety: never sent twice, never lost", () => {
  it("a reply stored and marked as being sent when the worker died is marked failed (interrupted), not sent again", async () => {
    const { waId, messageId, jobId } = await crashedReply({ stored: true, sendStarted: true });
    expect(await w.drainNow()).toMatchObject({ succeeded: 1, dead: 0 });
    expect(w.sentTo(waId)).toEqual([]);
    const [message] = await w.db.select().from(messages).where(eq(messages.id, messageId!));
    expect(message).toMatchObject({ status: "failed" });
    expect(sendFailure(message!.error)).toEqual({ key: "interrupted" });
    expect(await w.db.select().from(jobs).where(eq(jobs.id, jobId))).toEqual([]);

    // An agent who sees it did not arrive sends it again by hand, as the same message.
    actAs(agent);
    expect(await retryMessageAction({ messageId: messageId! })).toMatchObject({ ok: true });
    expect(w.sentTo(waId).map((body) => (body.text as { body: string }).body)).toEqual(["R$ 199"]);
    expect((await w.db.select().from(messages).where(eq(messages.id, messageId!)))[0]).toMatchObject({ status: "sent" });
  });

  it("a reply stored but never handed to WhatsApp is sent, once", async () => {
    const { waId, messageId, bot } = await crashedReply({ stored: true, sendStarted: false });
    await Promise.all([w.drainNow(), w.drainNow()]);
    await w.drainNow(SECOND);
    expect(w.sentTo(waId).map((body) => (body.text as { body: string }).body)).toEqual(["R$ 199"]);
    const [message] = await w.db.select().from(messages).where(eq(messages.id, messageId!));
    expect(message).toMatchObject({ status: "sent", botId: bot.id });
    expect(message!.wamid).toMatch(/^wamid\./);
    expect((await w.botMessages(waId)).length).toBe(1);
  });

  it("a worker that died before storing: the next run stores and sends the reply once", async () => {
    const { waId, bot } = await crashedReply({ stored: false, sendStarted: false });
    await w.drainNow();
    expect(w.sentTo(waId)).toHaveLength(1);
    expect((await w.botRow(bot.id)).sentCount).toBe(1);
  });

  it("WhatsApp refusing the reply leaves it failed with Meta's reason, not retried by itself", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], reply: { kind: "text", text: "Olá" } });
    const waId = w.newCustomer();
    w.graph.failMessages({ status: 400, code: 131026, message: "(#131026) Message Undeliverable" });
    await w.post([w.text(waId, "oi")]);
    expect(await w.drainNow()).toMatchObject({ succeeded: 2, dead: 0, retried: 0 });
    const [message] = await w.botMessages(waId);
    expect(message).toMatchObject({ status: "failed", error: { code: 131026 } });
    expect(w.sentTo(waId)).toHaveLength(1);
  });

  it("a reply job for a bot deleted meanwhile gives up without sending", async () => {
    const bot = await w.insertBot({ trigger: "keyword", keywords: ["oi"] });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "olá")]);
    const conversation = await w.conversationOf(waId);
    await enqueueJob(w.db, { workspaceId: w.workspaceId, kind: botReplyKind, payload: { conversationId: conversation.id, botId: bot.id }, dedupeKey: conversation.id });
    await w.db.update(messageBots).set({ enabled: false }).where(eq(messageBots.id, bot.id));
    await w.drainNow();
    expect(w.sentTo(waId)).toEqual([]);
    const [job] = await w.db.select().from(jobs).where(and(eq(jobs.kind, botReplyKind.name), eq(jobs.dedupeKey, conversation.id)));
    expect(job).toMatchObject({ status: "dead", lastError: expect.stringContaining("bot") });
  });
});

describe("forwarding", () => {
  it("forwards a bot's reply as message.sent, marked as the bot's, besides the customer's message.received", async () => {
    await saveSettings(w.db, w.workspaceId, webhookForwardingSection, { enabled: true, method: "POST", url: receiver.url, secret: "" }, null);
    const bot = await w.insertBot({ trigger: "keyword", keywords: ["oi"], name: "Saudação", reply: { kind: "text", text: "Olá!" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    await w.drainNow(SECOND);
    const events = receiver.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    const conversation = await w.conversationOf(waId);
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.event === "message.received")).toMatchObject({ sent_by: "customer", bot_id: null, bot_name: null, message: "oi", sender: waId });
    expect(events.find((e) => e.event === "message.sent")).toMatchObject({
      sent_by: "bot",
      bot_id: bot.id,
      bot_name: "Saudação",
      message: "Olá!",
      type: "text",
      sender: waId,
      conversation_id: conversation.id,
      referral: null,
    });
  });
});
