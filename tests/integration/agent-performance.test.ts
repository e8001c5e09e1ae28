import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/auth/permissions";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversationEvents, conversations, memberships, messages, type ConversationEventKind } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { setConversationStatus } from "@/lib/inbox/conversation-status";
import { agentPerformance, loadAgentPerformanceReport, type AgentPerformanceRow } from "@/lib/reports/agent-performance";
import { durationParts } from "@/lib/reports/format-duration";
import { parseReportPeriod } from "@/lib/reports/period";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

// The period is 10 March 2025 (UTC); T0 is its noon and every time below is T0 + seconds.
const FROM = new Date("2025-03-10T00:00:00Z");
const TO = new Date("2025-03-11T00:00:00Z");
const T0 = new Date("2025-03-10T12:00:00Z").getTime();
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const DAY = 86_400;

let connection: DbConnection;
let db: Db;
let ws: string;
let otherWs: string;
type Person = { userId: string; workspaceId: string; role: "admin" | "agent" };
let alice: Person; // admin
let ana: Person;
let bruno: Person;
let dave: Person; // an agent with nothing to do
let contactSeq = 0;

async function conversation(workspaceId: string) {
  const [contact] = await db.insert(contacts).values({ workspaceId, waId: `55119${String(++contactSeq).padStart(8, "0")}` }).returning();
  const [row] = await db.insert(conversations).values({ workspaceId, contactId: contact!.id }).returning();
  return { workspaceId, id: row!.id };
}

type Conv = Awaited<ReturnType<typeof conversation>>;

async function customer(c: Conv, seconds: number, type = "text") {
  await db.insert(messages).values({
    workspaceId: c.workspaceId, conversationId: c.id, direction: "inbound", sender: "customer", type, text: "oi", status: "received", sentAt: at(seconds),
  });
}

async function reply(c: Conv, seconds: number, author: Person | "bot", status: "sent" | "failed" = "sent") {
  await db.insert(messages).values({
    workspaceId: c.workspaceId,
    conversationId: c.id,
    direction: "outbound",
    sender: author === "bot" ? "bot" : "agent",
    authorUserId: author === "bot" ? null : author.userId,
    type: "text",
    text: "olá",
    status,
    sentAt: at(seconds),
  });
}

async function happened(c: Conv, seconds: number, kind: ConversationEventKind, who: { to?: Person; from?: Person; actor?: Person | null }) {
  await db.insert(conversationEvents).values({
    workspaceId: c.workspaceId,
    conversationId: c.id,
    kind,
    toUserId: who.to?.userId ?? null,
    fromUserId: who.from?.userId ?? null,
    actorUserId: who.actor?.userId ?? null,
    createdAt: at(seconds),
  });
}

const rowOf = (rows: AgentPerformanceRow[], person: Person) => rows.find((row) => row.userId === person.userId);

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  ws = (await createWorkspace(db, { name: "Loja" })).id;
  otherWs = (await createWorkspace(db, { name: "Other" })).id;
  const person = async (name: string, role: "admin" | "agent", active = true) => ({
    userId: (await createMember(db, { workspaceId: ws, name, role, active })).userId,
    workspaceId: ws,
    role,
  });
  alice = await person("Alice Admin", "admin");
  ana = await person("Ana Agent", "agent");
  bruno = await person("Bruno Agent", "agent");
  dave = await person("Dave Idle", "agent");
  await person("Carla Gone", "agent", false);

  // C1: the customer writes, is assigned automatically to Ana, writes again, Ana answers, then answers a second run.
  const c1 = await conversation(ws);
  await customer(c1, 0);
  await happened(c1, 5, "assigned", { to: ana, actor: null });
  await customer(c1, 30);
  await reply(c1, 200, ana); // response 200 (run began at 0); first response 200 - 5 = 195
  await reply(c1, 260, ana); // follows her own message: not a response
  await customer(c1, 400);
  await reply(c1, 460, ana); // response 60
  await happened(c1, 500, "resolved", { actor: ana });

  // C2: Alice assigns Ana, then hands the chat to Bruno before Ana answers.
  const c2 = await conversation(ws);
  await customer(c2, 1000);
  await happened(c2, 1010, "assigned", { to: ana, actor: alice });
  await happened(c2, 1100, "assigned", { from: ana, to: bruno, actor: alice });
  await customer(c2, 1150);
  await reply(c2, 1300, bruno); // response 1300 - 1000 = 300; Bruno's first response 1300 - 1100 = 200
  await happened(c2, 1400, "resolved", { actor: bruno });
  await reply(c2, 1500, ana); // after her assignment ended and after Bruno's message: neither kind of response

  // C3: assigned to Bruno while nobody waits (Bruno answered two days before).
  const c3 = await conversation(ws);
  await customer(c3, -2 * DAY);
  await reply(c3, -2 * DAY + 60, bruno); // before the period: not counted
  await happened(c3, 2000, "assigned", { to: bruno, actor: alice });
  await reply(c3, 2050, bruno); // a follow-up, not an answer
  await customer(c3, 2100);
  await customer(c3, 2110);
  await reply(c3, 2500, bruno); // response 400 (run began at 2100); first response 2500 - max(2000, 2100) = 400
  await reply(c3, 2550, bruno, "failed"); // never reached the customer: not sent, not in the sequence
  await customer(c3, 2600, "reaction"); // a reaction asks for no answer
  await reply(c3, 2700, bruno); // follows Bruno's 2500 message once the failed send and the reaction are left out
  await happened(c3, DAY + 100, "resolved", { actor: bruno }); // the next day: outside the period

  // C4: a run that began before the period, answered inside it; its assignment is outside the period.
  const c4 = await conversation(ws);
  await customer(c4, -50_000);
  await happened(c4, -49_000, "assigned", { to: ana, actor: null });
  await reply(c4, 3000, ana); // response 53 000

  // C5: a bot answers first; Bruno's message then follows an outbound message, so it is not a response.
  const c5 = await conversation(ws);
  await customer(c5, 4000);
  await reply(c5, 4010, "bot");
  await reply(c5, 4100, bruno);

  // C6: automatic assignment to Ana, answered quickly; Alice resolves it.
  const c6 = await conversation(ws);
  await customer(c6, 5000);
  await happened(c6, 5002, "assigned", { to: ana, actor: null });
  await reply(c6, 5100, ana); // response 100; first response 98
  await happened(c6, 5200, "resolved", { actor: alice });

  // Another workspace where Ana also works: none of it may show in the first workspace.
  await createMember(db, { workspaceId: otherWs, role: "admin" });
  const anaThere = { ...ana, workspaceId: otherWs };
  await db.insert(memberships).values({ workspaceId: otherWs, userId: ana.userId, role: "agent" });
  const x1 = await conversation(otherWs);
  await customer(x1, 100);
  await happened(x1, 110, "assigned", { to: anaThere, actor: null });
  await reply(x1, 150, anaThere); // response 50, first response 40
  await happened(x1, 160, "resolved", { actor: anaThere });
});
afterAll(() => connection?.close());

describe("agent performance", () => {
  it("counts each metric exactly from the stored messages and assignment history", async () => {
    const rows = await agentPerformance(db, { workspaceId: ws, from: FROM, to: TO });
    expect(rows).toEqual([
      // Alice is an admin: listed because she resolved C6.
      { userId: alice.userId, name: "Alice Admin", chatsAssigned: 0, chatsResolved: 1, messagesSent: 0, medianFirstResponseSeconds: null, medianResponseSeconds: null },
      {
        userId: ana.userId,
        name: "Ana Agent",
        // C1 (automatic), C2 (manual), C6 (automatic); C4's assignment was before the period.
        chatsAssigned: 3,
        chatsResolved: 1, // C1
        messagesSent: 6, // C1 ×3, C2, C4, C6
        // First responses: C1 195, C6 98 (C2 was handed on unanswered) → median (98 + 195) / 2 = 146.5
        medianFirstResponseSeconds: 146.5,
        // Responses: 60, 100, 200, 53 000 → median (100 + 200) / 2 = 150
        medianResponseSeconds: 150,
      },
      {
        userId: bruno.userId,
        name: "Bruno Agent",
        chatsAssigned: 2, // C2 (reassignment), C3
        chatsResolved: 1, // C2; C3's resolution is the next day
        messagesSent: 5, // C2 1300, C3 2050/2500/2700 (the failed one and the one two days before excluded), C5 4100
        // First responses: C2 200, C3 400 → median 300
        medianFirstResponseSeconds: 300,
        // Responses: C2 300, C3 400 → median 350
        medianResponseSeconds: 350,
      },
      // An active agent with no activity is listed with zeros; the deactivated Carla is not.
      { userId: dave.userId, name: "Dave Idle", chatsAssigned: 0, chatsResolved: 0, messagesSent: 0, medianFirstResponseSeconds: null, medianResponseSeconds: null },
    ]);
  });

  it("reads only the given workspace", async () => {
    const rows = await agentPerformance(db, { workspaceId: otherWs, from: FROM, to: TO });
    expect(rows).toEqual([
      { userId: ana.userId, name: "Ana Agent", chatsAssigned: 1, chatsResolved: 1, messagesSent: 1, medianFirstResponseSeconds: 40, medianResponseSeconds: 50 },
    ]);
  });

  it("counts nothing outside the period", async () => {
    const rows = await agentPerformance(db, { workspaceId: ws, from: new Date("2025-03-12T00:00:00Z"), to: new Date("2025-03-13T00:00:00Z") });
    expect(rows.map((row) => row.name)).toEqual(["Ana Agent", "Bruno Agent", "Dave Idle"]);
    for (const row of rows) {
      expect(row).toMatchObject({ chatsAssigned: 0, chatsResolved: 0, messagesSent: 0, medianFirstResponseSeconds: null, medianResponseSeconds: null });
    }
  });

  it("counts resolutions made in the inbox, which records who resolved and reopened", async () => {
    const c = await conversation(ws);
    await setConversationStatus(db, bruno, c.id, "resolved");
    await setConversationStatus(db, bruno, c.id, "resolved"); // already resolved: no second event
    await setConversationStatus(db, bruno, c.id, "open");
    const events = await db
      .select({ kind: conversationEvents.kind, actorUserId: conversationEvents.actorUserId, createdAt: conversationEvents.createdAt })
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, c.id), eq(conversationEvents.workspaceId, ws)))
      .orderBy(conversationEvents.createdAt);
    expect(events.map(({ kind, actorUserId }) => ({ kind, actorUserId }))).toEqual([
      { kind: "resolved", actorUserId: bruno.userId },
      { kind: "reopened", actorUserId: bruno.userId },
    ]);
    const rows = await agentPerformance(db, { workspaceId: ws, from: new Date(events[0]!.createdAt.getTime() - 1000), to: new Date(Date.now() + 1000) });
    expect(rowOf(rows, bruno)?.chatsResolved).toBe(1);
  });
});

describe("who may see the report", () => {
  it("refuses an agent with not found, and lets an admin in", async () => {
    expect(can(ana, "reports:view")).toBe(false);
    expect(can(alice, "reports:view")).toBe(true);
    const refused = loadAgentPerformanceReport(db, ana, { from: FROM, to: TO });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "not_found:reports" });
    const rows = await loadAgentPerformanceReport(db, alice, { from: FROM, to: TO });
    expect(rowOf(rows, ana)?.messagesSent).toBe(6);
  });
});

describe("report period", () => {
  const now = new Date("2025-03-10T02:00:00Z"); // still 9 March in São Paulo (UTC-3)

  it("defaults to the last 7 São Paulo calendar days, today included", () => {
    const period = parseReportPeriod({}, "America/Sao_Paulo", now);
    expect(period).toMatchObject({ from: "2025-03-03", to: "2025-03-09" });
    expect(period.start.toISOString()).toBe("2025-03-03T03:00:00.000Z");
    expect(period.end.toISOString()).toBe("2025-03-10T03:00:00.000Z");
  });

  it("takes valid days, the last one inclusive", () => {
    const period = parseReportPeriod({ from: "2025-02-01", to: "2025-02-28" }, "America/Sao_Paulo", now);
    expect(period.start.toISOString()).toBe("2025-02-01T03:00:00.000Z");
    expect(period.end.toISOString()).toBe("2025-03-01T03:00:00.000Z");
  });

  it("falls back to the default for malformed, inverted or too long periods, without throwing", () => {
    const fallback = { from: "2025-03-03", to: "2025-03-09" };
    expect(parseReportPeriod({ from: "yesterday", to: "2025-13-40" }, "America/Sao_Paulo", now)).toMatchObject(fallback);
    expect(parseReportPeriod({ from: "2025-03-09", to: "2025-03-01" }, "America/Sao_Paulo", now)).toMatchObject(fallback);
    expect(parseReportPeriod({ from: "2020-01-01", to: "2025-03-01" }, "America/Sao_Paulo", now)).toMatchObject(fallback);
    expect(parseReportPeriod({ from: ["2025-03-05", "x"] }, "America/Sao_Paulo", now)).toMatchObject({ from: "2025-03-05", to: "2025-03-09" });
  });
});

describe("durations in words", () => {
  it("uses the two largest units and drops a trailing zero", () => {
    const words = (s: number) => durationParts(s).map(({ unit, count }) => `${count} ${unit}`).join(" ");
    expect(words(200)).toBe("3 minutes 20 seconds");
    expect(words(180)).toBe("3 minutes");
    expect(words(146.5)).toBe("2 minutes 27 seconds");
    expect(words(3_900)).toBe("1 hours 5 minutes");
    expect(words(53_000)).toBe("14 hours 43 minutes");
    expect(words(90_061)).toBe("1 days 1 hours");
    expect(words(0)).toBe("0 seconds");
  });
});
