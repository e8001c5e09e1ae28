import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { runChatCleanupAction } from "@/app/(dashboard)/settings/chat-cleanup/actions";
import { GET as cronCleanup } from "@/app/api/cron/cleanup/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { cleanupRuns, contacts, conversations, leadEvents, leads, messages, webhookDeliveries } from "@/lib/db/schema";
import { runCleanup, type CleanupDone, type CleanupResult } from "@/lib/retention/cleanup";
import { DAY_MS, cleanupCutoff, listCleanupRuns } from "@/lib/retention/runs";
import { runScheduledCleanup } from "@/lib/retention/schedule";
import { chatCleanupSection } from "@/lib/retention/settings";
import { getSettings, saveSettings } from "@/lib/settings/stored-section";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

// Saving settings announces them to open tabs; no Pusher server runs here.
vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const onPostgres = Boolean(process.env.DATABASE_URL);
/** 30 October, 15:00 UTC: with 30 days the cutoff is 30 September at 15:00 UTC. */
const NOW = new Date("2025-10-30T15:00:00.000Z");
const CUTOFF = new Date("2025-09-30T15:00:00.000Z");
const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * DAY_MS);

let connection: DbConnection;
let db: Db;
let seq = 0;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});

async function workspace(settings: { enabled?: boolean; days?: number } = {}) {
  const id = (await createWorkspace(db)).id;
  if (settings.enabled !== undefined || settings.days !== undefined) {
    await saveSettings(db, id, chatCleanupSection, { enabled: settings.enabled ?? false, days: settings.days ?? 30 }, null);
  }
  return id;
}

/** A contact and its conversation holding messages sent at the given instants; last_message_* describe the newest. */
async function chat(workspaceId: string, sentAts: Date[], options: { unreadCount?: number; lastMessageAt?: Date } = {}) {
  const n = ++seq;
  const [contact] = await db.insert(contacts).values({ workspaceId, waId: `55118${String(n).padStart(8, "0")}`, profileName: `Cliente ${n}` }).returning();
  const newest = sentAts.reduce<Date | null>((max, at) => (!max || at > max ? at : max), null);
  const [conversation] = await db
    .insert(conversations)
    .values({
      workspaceId,
      contactId: contact!.id,
      unreadCount: options.unreadCount ?? 0,
      lastMessageAt: options.lastMessageAt ?? newest ?? NOW,
      lastMessagePreview: newest ? `message ${newest.toISOString()}` : null,
      lastMessageType: "text",
      lastMessageDirection: "inbound",
      lastInboundAt: newest,
    })
    .returning();
  const ids: string[] = [];
  for (const at of sentAts) {
    const [message] = await db
      .insert(messages)
      .values({ workspaceId, conversationId: conversation!.id, direction: "inbound", sender: "customer", type: "text", text: `message ${at.toISOString()}`, status: "received", sentAt: at })
      .returning({ id: messages.id });
    ids.push(message!.id);
  }
  return { contact: contact!, conversation: conversation!, messageIds: ids };
}

const messageIdsOf = async (conversationId: string) =>
  (await db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversationId))).map((m) => m.id);
const conversationExists = async (id: string) => (await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id))).length === 1;
const countMessages = async (workspaceId: string) => (await db.select({ id: messages.id }).from(messages).where(eq(messages.workspaceId, workspaceId))).length;

function manual(workspaceId: string, options: { now?: Date; budgetMs?: number; batchSize?: number } = {}) {
  return runCleanup(db, { workspaceId, trigger: "manual", triggeredBy: null, now: options.now ?? NOW, budgetMs: options.budgetMs ?? 60_000, batchSize: options.batchSize });
}

function done(result: CleanupResult): CleanupDone {
  if (result.status !== "completed" && result.status !== "partial") throw new Error(`the run did not run: ${result.status}`);
  return result;
}

describe("the chat cleanup setting", () => {
  it("is off with a 30-day period for a workspace that never saved it", async () => {
    expect(await getSettings(db, await workspace(), chatCleanupSection)).toEqual({ enabled: false, days: 30 });
  });

  it("is saved by an admin through the one settings action", async () => {
    const ws = await workspace();
    const admin = await createMember(db, { workspaceId: ws, role: "admin" });
    actAs({ ...admin, workspaceId: ws, role: "admin" });
    expect(await saveSettingsAction({ section: "chat-cleanup", values: { enabled: true, days: 45 } })).toMatchObject({ ok: true });
    expect(await getSettings(db, ws, chatCleanupSection)).toEqual({ enabled: true, days: 45 });
  });

  it.each([0, -3, 1.5])("refuses %s days as a field error naming whole days of at least one", async (days) => {
    const ws = await workspace();
    const admin = await createMember(db, { workspaceId: ws, role: "admin" });
    actAs({ ...admin, workspaceId: ws, role: "admin" });
    const result = await saveSettingsAction({ section: "chat-cleanup", values: { enabled: true, days } });
    expect(result).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { "values.days": "Enter a whole number of days, 1 or more." } });
    expect(await getSettings(db, ws, chatCleanupSection)).toEqual({ enabled: false, days: 30 });
  });

  it("says Required for days left empty (the form sends NaN), like every number field of the settings", async () => {
    const ws = await workspace();
    const admin = await createMember(db, { workspaceId: ws, role: "admin" });
    actAs({ ...admin, workspaceId: ws, role: "admin" });
    const result = await saveSettingsAction({ section: "chat-cleanup", values: { enabled: true, days: Number.NaN } });
    expect(result).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { "values.days": "Required." } });
    expect(await getSettings(db, ws, chatCleanupSection)).toEqual({ enabled: false, days: 30 });
  });

  it("refuses an agent's save as not found", async () => {
    const ws = await workspace();
    const agent = await createMember(db, { workspaceId: ws, role: "agent" });
    actAs({ ...agent, workspaceId: ws, role: "agent" });
    expect(await saveSettingsAction({ section: "chat-cleanup", values: { enabled: true, days: 1 } })).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await getSettings(db, ws, chatCleanupSection)).toEqual({ enabled: false, days: 30 });
  });
});

describe("what a cleanup run deletes", () => {
  it("cuts off at now minus N days of 24 hours: a message exactly at the cutoff stays, one a millisecond older goes", async () => {
    expect(cleanupCutoff(NOW, 30)).toEqual(CUTOFF);
    const ws = await workspace({ days: 30 });
    const { conversation, messageIds } = await chat(ws, [new Date(CUTOFF.getTime() - 1), CUTOFF, new Date("2025-09-30T14:00:00Z"), new Date("2025-10-01T00:00:00Z")]);
    const result = done(await manual(ws));
    expect(result).toMatchObject({ status: "completed", messagesDeleted: 2, conversationsDeleted: 0, cutoff: CUTOFF });
    expect((await messageIdsOf(conversation.id)).sort()).toEqual([messageIds[1]!, messageIds[3]!].sort());
  });

  it("uses the saved period", async () => {
    const ws = await workspace({ days: 7 });
    const { conversation, messageIds } = await chat(ws, [daysAgo(8), daysAgo(6)]);
    expect(done(await manual(ws))).toMatchObject({ messagesDeleted: 1, cutoff: daysAgo(7) });
    expect(await messageIdsOf(conversation.id)).toEqual([messageIds[1]]);
  });

  it("deletes conversations left without messages and keeps the others with their last message and unread count", async () => {
    const ws = await workspace({ days: 30 });
    const emptied = await chat(ws, [daysAgo(60), daysAgo(40)]);
    const mixed = await chat(ws, [daysAgo(50), daysAgo(2), daysAgo(1)], { unreadCount: 3 });
    // Created without messages (e.g. a lead opened by hand) and recent: not history, so it stays.
    const recentEmpty = await chat(ws, [], { lastMessageAt: daysAgo(1) });
    const before = (await db.select().from(conversations).where(eq(conversations.id, mixed.conversation.id)))[0]!;

    expect(done(await manual(ws))).toMatchObject({ status: "completed", messagesDeleted: 3, conversationsDeleted: 1 });
    expect(await conversationExists(emptied.conversation.id)).toBe(false);
    expect(await conversationExists(recentEmpty.conversation.id)).toBe(true);
    const after = (await db.select().from(conversations).where(eq(conversations.id, mixed.conversation.id)))[0]!;
    expect(after).toEqual(before);
    expect(after.lastMessageAt).toEqual(daysAgo(1));
    expect(await messageIdsOf(mixed.conversation.id)).toHaveLength(2);
  });

  it("keeps contacts, leads and the leads' history; a lead only loses the link to its deleted conversation", async () => {
    const ws = await workspace({ days: 30 });
    const { contact, conversation } = await chat(ws, [daysAgo(90)]);
    const [lead] = await db.insert(leads).values({ workspaceId: ws, contactId: contact.id, conversationId: conversation.id, notes: "VIP" }).returning();
    await db.insert(leadEvents).values({ workspaceId: ws, leadId: lead!.id, kind: "created" });

    expect(done(await manual(ws))).toMatchObject({ messagesDeleted: 1, conversationsDeleted: 1 });
    expect(await conversationExists(conversation.id)).toBe(false);
    expect(await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contact.id))).toHaveLength(1);
    const [kept] = await db.select().from(leads).where(eq(leads.id, lead!.id));
    expect(kept).toMatchObject({ contactId: contact.id, conversationId: null, notes: "VIP" });
    expect(await db.select().from(leadEvents).where(eq(leadEvents.leadId, lead!.id))).toHaveLength(1);
  });

  it("keeps forwarding delivery records, unlinked from the deleted message", async () => {
    const ws = await workspace({ days: 30 });
    const { messageIds } = await chat(ws, [daysAgo(40), daysAgo(1)]);
    const [delivery] = await db.insert(webhookDeliveries).values({ workspaceId: ws, messageId: messageIds[0]!, status: "delivered" }).returning();
    done(await manual(ws));
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id)))[0]).toMatchObject({ messageId: null, status: "delivered" });
  });

  it("leaves other workspaces' messages and conversations untouched", async () => {
    const ws = await workspace({ days: 30 });
    const other = await workspace({ days: 1, enabled: true });
    await chat(ws, [daysAgo(40)]);
    const theirs = await chat(other, [daysAgo(40), daysAgo(2)]);
    expect(done(await manual(ws))).toMatchObject({ messagesDeleted: 1, conversationsDeleted: 1 });
    expect(await messageIdsOf(theirs.conversation.id)).toHaveLength(2);
  });

  it("records the run: trigger, who, cutoff, counts, completed, duration and end", async () => {
    const ws = await workspace({ days: 30 });
    const admin = await createMember(db, { workspaceId: ws, role: "admin", name: "Alice Admin" });
    await chat(ws, [daysAgo(31), daysAgo(32)]);
    const result = done(await runCleanup(db, { workspaceId: ws, trigger: "manual", triggeredBy: admin.userId, now: NOW, budgetMs: 60_000 }));
    const [run] = await db.select().from(cleanupRuns).where(eq(cleanupRuns.id, result.runId));
    expect(run).toMatchObject({
      workspaceId: ws,
      trigger: "manual",
      triggeredBy: admin.userId,
      cutoff: CUTOFF,
      messagesDeleted: 2,
      conversationsDeleted: 1,
      status: "completed",
      startedAt: NOW,
      durationMs: result.durationMs,
    });
    expect(run!.finishedAt!.getTime()).toBe(NOW.getTime() + result.durationMs);
  });
});

describe("batches and the time budget", () => {
  it("stops a run whose budget is spent as partial after one batch, and the next runs continue until completed", async () => {
    const ws = await workspace({ days: 30 });
    for (let i = 0; i < 3; i++) await chat(ws, [daysAgo(40 + i)]);
    await chat(ws, [daysAgo(50), daysAgo(51)]);
    const keep = await chat(ws, [daysAgo(1)]);
    // Five old messages in four conversations; two rows per batch, a budget spent at once.
    const runs: CleanupDone[] = [];
    for (let i = 0; i < 5; i++) runs.push(done(await manual(ws, { batchSize: 2, budgetMs: 0 })));
    expect(runs.map((r) => [r.status, r.messagesDeleted, r.conversationsDeleted])).toEqual([
      ["partial", 2, 0],
      ["partial", 2, 0],
      // A short batch means the messages are done, so the conversations' first batch follows in the same run.
      ["partial", 1, 2],
      // A full batch may have more behind it: only the next run, finding none, completes.
      ["partial", 0, 2],
      ["completed", 0, 0],
    ]);
    expect(await countMessages(ws)).toBe(1);
    expect(await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, ws))).toEqual([{ id: keep.conversation.id }]);
    const recorded = await db.select({ status: cleanupRuns.status, messages: cleanupRuns.messagesDeleted }).from(cleanupRuns).where(eq(cleanupRuns.workspaceId, ws));
    expect(recorded.map((r) => r.status).sort()).toEqual(["completed", "partial", "partial", "partial", "partial"]);
    expect(recorded.reduce((sum, r) => sum + r.messages, 0)).toBe(5);
  });

  it("finishes in one run with a budget to spare, however many batches it takes", async () => {
    const ws = await workspace({ days: 30 });
    for (let i = 0; i < 7; i++) await chat(ws, [daysAgo(40 + i), daysAgo(60 + i)]);
    expect(done(await manual(ws, { batchSize: 3 }))).toMatchObject({ status: "completed", messagesDeleted: 14, conversationsDeleted: 7 });
  });
});

describe("overlapping runs", () => {
  it("skips a workspace another live run is cleaning, deleting nothing", async () => {
    const ws = await workspace({ days: 30 });
    await chat(ws, [daysAgo(40)]);
    await db.insert(cleanupRuns).values({ workspaceId: ws, trigger: "schedule", cutoff: CUTOFF, startedAt: new Date(NOW.getTime() - 60_000), durationMs: 30_000 });
    expect(await manual(ws)).toEqual({ status: "busy" });
    expect(await countMessages(ws)).toBe(1);
  });

  it("closes a run that stopped reporting five minutes ago as partial and cleans", async () => {
    const ws = await workspace({ days: 30 });
    await chat(ws, [daysAgo(40)]);
    const [dead] = await db
      .insert(cleanupRuns)
      .values({ workspaceId: ws, trigger: "schedule", cutoff: CUTOFF, startedAt: new Date(NOW.getTime() - 10 * 60_000), durationMs: 4 * 60_000, messagesDeleted: 7 })
      .returning();
    expect(done(await manual(ws))).toMatchObject({ status: "completed", messagesDeleted: 1 });
    expect((await db.select().from(cleanupRuns).where(eq(cleanupRuns.id, dead!.id)))[0]).toMatchObject({
      status: "partial",
      messagesDeleted: 7,
      finishedAt: new Date(NOW.getTime() - 6 * 60_000),
    });
  });

  it("two runs started together both succeed and delete each message once", async () => {
    const ws = await workspace({ days: 30 });
    for (let i = 0; i < 6; i++) await chat(ws, [daysAgo(40 + i), daysAgo(70 + i)]);
    const results = await Promise.all([manual(ws, { batchSize: 2 }), manual(ws, { batchSize: 2 })]);
    const ran = results.filter((r): r is CleanupDone => r.status === "completed" || r.status === "partial");
    expect(ran.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === "completed" || r.status === "busy")).toBe(true);
    expect(ran.reduce((sum, r) => sum + r.messagesDeleted, 0)).toBe(12);
    expect(ran.reduce((sum, r) => sum + r.conversationsDeleted, 0)).toBe(6);
    const recorded = await db.select({ messages: cleanupRuns.messagesDeleted }).from(cleanupRuns).where(eq(cleanupRuns.workspaceId, ws));
    expect(recorded.reduce((sum, r) => sum + r.messages, 0)).toBe(12);
    expect(await countMessages(ws)).toBe(0);
  });

  it.runIf(onPostgres)("skips the workspace while another connection holds its claim lock (Postgres)", async () => {
    const ws = await workspace({ days: 30 });
    await chat(ws, [daysAgo(40)]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`chat-cleanup:${ws}`}, 0))`);
      locked();
      await held;
    });
    await lockTaken;
    try {
      expect(await manual(ws)).toEqual({ status: "busy" });
      expect(await countMessages(ws)).toBe(1);
    } finally {
      release();
      await holder;
    }
    expect(done(await manual(ws))).toMatchObject({ messagesDeleted: 1 });
  });

  it.runIf(onPostgres)("does not delete, nor wait for, a conversation a webhook is writing a message into (Postgres)", async () => {
    const ws = await workspace({ days: 30 });
    const { conversation } = await chat(ws, [daysAgo(40)]);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const messageWritten = new Promise<void>((resolve) => (written = resolve));
    // What the webhook's statement does to an existing conversation: updates it and adds a message, not yet committed.
    const webhook = db.transaction(async (tx) => {
      await tx.update(conversations).set({ lastMessageAt: NOW, unreadCount: sql`${conversations.unreadCount} + 1` }).where(eq(conversations.id, conversation.id));
      await tx.insert(messages).values({ workspaceId: ws, conversationId: conversation.id, direction: "inbound", sender: "customer", type: "text", status: "received", sentAt: NOW });
      written();
      await committed;
    });
    await messageWritten;
    try {
      // The old message goes; the conversation is locked by the webhook, so it is skipped rather than waited for.
      expect(done(await manual(ws))).toMatchObject({ status: "completed", messagesDeleted: 1, conversationsDeleted: 0 });
    } finally {
      commit();
      await webhook;
    }
    expect(await conversationExists(conversation.id)).toBe(true);
    expect(await messageIdsOf(conversation.id)).toHaveLength(1);
  });
});

describe("GET /api/cron/cleanup", () => {
  const call = (authorization?: string) =>
    cronCleanup(new Request("http://localhost/api/cron/cleanup", { headers: authorization ? { authorization } : {} }), undefined);
  const realNow = () => new Date();
  // The route cleans every workspace that switched cleanup on: only this block's own count.
  beforeEach(async () => {
    await db.execute(sql`update settings set value = jsonb_set(value, '{enabled}', 'false') where section = ${chatCleanupSection.key}`);
  });

  it("answers 401 without the bearer secret or with a wrong one, deleting nothing", async () => {
    const ws = await workspace({ enabled: true, days: 30 });
    await chat(ws, [daysAgo(40, realNow())]);
    for (const header of [undefined, "Bearer wrong-secret", "test-cron-secret", "Basic test-cron-secret"]) {
      const response = await call(header);
      expect(response.status, String(header)).toBe(401);
    }
    expect(await countMessages(ws)).toBe(1);
  });

  it("cleans every workspace that switched cleanup on, leaves the others alone, and a second call deletes nothing more", async () => {
    const on = await workspace({ enabled: true, days: 30 });
    const alsoOn = await workspace({ enabled: true, days: 10 });
    const off = await workspace({ enabled: false, days: 1 });
    const never = await workspace();
    for (const ws of [on, alsoOn, off, never]) await chat(ws, [daysAgo(40, realNow()), daysAgo(20, realNow())]);
    await chat(alsoOn, [daysAgo(15, realNow())]);

    const first = await call("Bearer test-cron-secret");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ workspaces: 2, messagesDeleted: 4, conversationsDeleted: 2, partial: false, skipped: 0, failed: 0, expiredSessions: 0 });
    expect(await countMessages(on)).toBe(1);
    expect(await countMessages(alsoOn)).toBe(0);
    expect(await countMessages(off)).toBe(2);
    expect(await countMessages(never)).toBe(2);
    const scheduled = await db.select().from(cleanupRuns).where(inArray(cleanupRuns.workspaceId, [on, alsoOn]));
    expect(scheduled.map((r) => [r.trigger, r.triggeredBy, r.status])).toEqual([
      ["schedule", null, "completed"],
      ["schedule", null, "completed"],
    ]);

    const second = await call("Bearer test-cron-secret");
    expect(await second.json()).toEqual({ workspaces: 2, messagesDeleted: 0, conversationsDeleted: 0, partial: false, skipped: 0, failed: 0, expiredSessions: 0 });
    expect(await countMessages(on)).toBe(1);
  });

  it("two calls at once both answer 200 and delete each message once", async () => {
    const ws = await workspace({ enabled: true, days: 30 });
    for (let i = 0; i < 4; i++) await chat(ws, [daysAgo(40 + i, realNow())]);
    const responses = await Promise.all([call("Bearer test-cron-secret"), call("Bearer test-cron-secret")]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { messagesDeleted: number; conversationsDeleted: number; failed: number }[];
    expect(bodies.reduce((sum, b) => sum + b.messagesDeleted, 0)).toBe(4);
    expect(bodies.reduce((sum, b) => sum + b.conversationsDeleted, 0)).toBe(4);
    expect(bodies.every((b) => b.failed === 0)).toBe(true);
    expect(await countMessages(ws)).toBe(0);
  });

  it("shares one budget across workspaces: when it is spent, the call is partial and the next continues", async () => {
    const first = await workspace({ enabled: true, days: 30 });
    const second = await workspace({ enabled: true, days: 30 });
    for (const ws of [first, second]) for (let i = 0; i < 3; i++) await chat(ws, [daysAgo(40 + i)]);
    const spent = await runScheduledCleanup(db, { now: NOW, budgetMs: 0 });
    expect(spent).toMatchObject({ workspaces: 0, messagesDeleted: 0, partial: true });
    const tight = await runScheduledCleanup(db, { now: NOW, budgetMs: 60_000, batchSize: 2 });
    expect(tight).toEqual({ workspaces: 2, messagesDeleted: 6, conversationsDeleted: 6, partial: false, skipped: 0, failed: 0 });
  });
});

describe("Run cleanup now (the server action)", () => {
  it("deletes by the saved period at once even with the schedule off, and records who ran it", async () => {
    const ws = await workspace({ enabled: false, days: 30 });
    const admin = await createMember(db, { workspaceId: ws, role: "admin" });
    await chat(ws, [daysAgo(40, new Date()), daysAgo(41, new Date())]);
    await chat(ws, [daysAgo(1, new Date())]);
    actAs({ ...admin, workspaceId: ws, role: "admin" });
    const result = await runChatCleanupAction({});
    expect(result).toMatchObject({ ok: true, data: { status: "completed", messagesDeleted: 2, conversationsDeleted: 1 } });
    const [run] = await db.select().from(cleanupRuns).where(eq(cleanupRuns.workspaceId, ws));
    expect(run).toMatchObject({ trigger: "manual", triggeredBy: admin.userId, status: "completed", messagesDeleted: 2 });
  });

  it("refuses an agent as not found and deletes nothing", async () => {
    const ws = await workspace({ days: 30 });
    const agent = await createMember(db, { workspaceId: ws, role: "agent" });
    await chat(ws, [daysAgo(40, new Date())]);
    actAs({ ...agent, workspaceId: ws, role: "agent" });
    expect(await runChatCleanupAction({})).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await countMessages(ws)).toBe(1);
    expect(await db.select().from(cleanupRuns).where(eq(cleanupRuns.workspaceId, ws))).toEqual([]);
  });

  it("cleans only the admin's own workspace, whatever workspace the input names", async () => {
    const mine = await workspace({ days: 30 });
    const theirs = await workspace({ days: 30 });
    const admin = await createMember(db, { workspaceId: mine, role: "admin" });
    await chat(mine, [daysAgo(40, new Date())]);
    await chat(theirs, [daysAgo(40, new Date())]);
    actAs({ ...admin, workspaceId: mine, role: "admin" });
    const forged = { workspaceId: theirs } as unknown as Record<string, never>;
    expect(await runChatCleanupAction(forged)).toMatchObject({ ok: true, data: { messagesDeleted: 1 } });
    expect(await countMessages(mine)).toBe(0);
    expect(await countMessages(theirs)).toBe(1);
    expect(await db.select().from(cleanupRuns).where(eq(cleanupRuns.workspaceId, theirs))).toEqual([]);
  });

  it("answers busy while another run cleans the workspace", async () => {
    const ws = await workspace({ days: 30 });
    const admin = await createMember(db, { workspaceId: ws, role: "admin" });
    await db.insert(cleanupRuns).values({ workspaceId: ws, trigger: "schedule", cutoff: CUTOFF, startedAt: new Date() });
    actAs({ ...admin, workspaceId: ws, role: "admin" });
    expect(await runChatCleanupAction({})).toEqual({ ok: true, data: { status: "busy" } });
  });
});

describe("the run list", () => {
  it("shows the workspace's last 10 runs, newest first, with who started each", async () => {
    const ws = await workspace({ enabled: true, days: 30 });
    const other = await workspace({ days: 30 });
    const admin = await createMember(db, { workspaceId: ws, role: "admin", name: "Alice Admin" });
    for (let i = 0; i < 12; i++) {
      await runCleanup(db, { workspaceId: ws, trigger: i % 2 ? "manual" : "schedule", triggeredBy: i % 2 ? admin.userId : null, now: new Date(NOW.getTime() + i * 60_000), budgetMs: 60_000 });
    }
    await runCleanup(db, { workspaceId: other, trigger: "manual", triggeredBy: null, now: new Date(NOW.getTime() + 99 * 60_000), budgetMs: 60_000 });
    const runs = await listCleanupRuns(db, ws);
    expect(runs).toHaveLength(10);
    expect(runs.map((r) => r.startedAt.getTime())).toEqual(Array.from({ length: 10 }, (_, k) => NOW.getTime() + (11 - k) * 60_000));
    expect(runs[0]).toMatchObject({ trigger: "manual", triggeredByName: "Alice Admin", status: "completed", messagesDeleted: 0 });
    expect(runs[1]).toMatchObject({ trigger: "schedule", triggeredByName: null });
    expect(runs.every((r) => typeof r.durationMs === "number")).toBe(true);
  });

  it("lists partial runs as partial", async () => {
    const ws = await workspace({ days: 30 });
    await chat(ws, [daysAgo(40), daysAgo(41)]);
    await manual(ws, { batchSize: 1, budgetMs: 0 });
    const [latest] = await listCleanupRuns(db, ws);
    expect(latest).toMatchObject({ status: "partial", messagesDeleted: 1 });
    expect(await db.select().from(cleanupRuns).where(and(eq(cleanupRuns.workspaceId, ws), eq(cleanupRuns.status, "running")))).toEqual([]);
  });
});
