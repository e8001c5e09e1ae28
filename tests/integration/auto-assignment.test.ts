import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setAvailability } from "@/app/(dashboard)/actions";
import { callWebhook } from "../support/webhook-endpoint";
import type { DbConnection } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { conversationEvents, conversations } from "@/lib/db/schema";
import { userChannel } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { saveChannel } from "@/lib/whatsapp/channel";
import { flushAfter } from "../support/after-queue";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { signedRequest, textMessage, webhookBody } from "../support/webhook";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

let connection: DbConnection;
const db = () => connection.db;
let phone = 100000000000100;

async function workspaceWithAgents(count: number, extra: { availability?: "away"; active?: boolean; role?: "admin" }[] = []) {
  const workspaceId = (await createWorkspace(db())).id;
  const phoneNumberId = String(phone++);
  await saveChannel(db(), workspaceId, { phoneNumberId, wabaId: "1000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t" });
  const agents = [];
  for (let i = 0; i < count; i++) agents.push(await createMember(db(), { workspaceId, role: "agent" }));
  const others = [];
  for (const e of extra) others.push(await createMember(db(), { workspaceId, role: e.role ?? "agent", availability: e.availability, active: e.active }));
  return { workspaceId, phoneNumberId, agents, others };
}

const deliver = async (phoneNumberId: string, from: string, wamid: string) => {
  const response = await callWebhook(signedRequest(webhookBody(phoneNumberId, { messages: [textMessage(from, wamid, "oi")] })));
  expect(response.status).toBe(200);
};

const assigneeCounts = async (workspaceId: string) => {
  const rows = await db()
    .select({ userId: conversations.assignedUserId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(eq(conversations.workspaceId, workspaceId))
    .groupBy(conversations.assignedUserId);
  return new Map(rows.map((r) => [r.userId, r.n]));
};

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
});
afterAll(() => connection.close());

describe("automatic assignment, round robin", () => {
  it("gives 300 concurrent new chats to 3 available agents, exactly 100 each, one agent per chat", async () => {
    const { workspaceId, phoneNumberId, agents } = await workspaceWithAgents(3);
    await Promise.all(Array.from({ length: 300 }, (_, i) => deliver(phoneNumberId, String(5511970000000 + i), `wamid.rr.${workspaceId}.${i}`)));
    await flushAfter();
    const counts = await assigneeCounts(workspaceId);
    expect(agents.map((a) => counts.get(a.userId))).toEqual([100, 100, 100]);
    expect(counts.get(null)).toBeUndefined();
    const events = await db().select().from(conversationEvents).where(eq(conversationEvents.workspaceId, workspaceId));
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.conversationId)).size).toBe(300);
    expect(events.every((e) => e.kind === "assigned" && e.actorUserId === null)).toBe(true);
    // Each agent is told in real time about each chat they received.
    const told = vi.mocked(publish).mock.calls.flatMap(([batch]) => batch.filter((e) => e.name === "conversation.assigned"));
    expect(agents.map((a) => told.filter((e) => e.channel === userChannel(a.userId)).length)).toEqual([100, 100, 100]);
  });

  it("keeps the owner on later messages and never chooses away, deactivated or admin members", async () => {
    const { workspaceId, phoneNumberId, agents, others } = await workspaceWithAgents(1, [{ availability: "away" }, { active: false }, { role: "admin" }]);
    for (let i = 0; i < 4; i++) await deliver(phoneNumberId, String(5511960000000 + i), `wamid.only.${workspaceId}.${i}`);
    await deliver(phoneNumberId, "5511960000000", `wamid.only.${workspaceId}.again`);
    const counts = await assigneeCounts(workspaceId);
    expect(counts.get(agents[0]!.userId)).toBe(4);
    for (const other of others) expect(counts.get(other.userId)).toBeUndefined();
    expect(await db().select().from(conversationEvents).where(eq(conversationEvents.workspaceId, workspaceId))).toHaveLength(4);
  });
});

describe("automatic assignment, least open chats", () => {
  it("gives the chat to the available agent with the fewest open chats", async () => {
    const { workspaceId, phoneNumberId, agents } = await workspaceWithAgents(2);
    await saveSettings(db(), workspaceId, supportAgentSection, { restrictToAssigned: false, autoAssign: true, method: "least_open" }, null);
    const [busy, idle] = agents as [(typeof agents)[number], (typeof agents)[number]];
    for (let i = 0; i < 3; i++) await deliver(phoneNumberId, String(5511950000000 + i), `wamid.lo.${workspaceId}.${i}`);
    // Give all three open chats to one agent by hand: the next one must go to the other.
    await db().update(conversations).set({ assignedUserId: busy.userId }).where(eq(conversations.workspaceId, workspaceId));
    await deliver(phoneNumberId, "5511950000099", `wamid.lo.${workspaceId}.new`);
    const counts = await assigneeCounts(workspaceId);
    expect(counts.get(idle.userId)).toBe(1);
    expect(counts.get(busy.userId)).toBe(3);
  });
});

describe("nobody available", () => {
  it("leaves new chats unassigned and gives them to the first agent who comes back", async () => {
    const { workspaceId, phoneNumberId, others } = await workspaceWithAgents(0, [{ availability: "away" }]);
    const returning = others[0]!;
    for (let i = 0; i < 2; i++) await deliver(phoneNumberId, String(5511940000000 + i), `wamid.wait.${workspaceId}.${i}`);
    expect(await db().select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), isNull(conversations.assignedUserId)))).toHaveLength(2);

    vi.mocked(publish).mockClear();
    actAs({ userId: returning.userId, workspaceId, role: "agent" });
    expect(await setAvailability({ availability: "available" })).toMatchObject({ ok: true });
    expect((await assigneeCounts(workspaceId)).get(returning.userId)).toBe(2);
    // Both chats' audiences are told after the commit, one event per chat.
    const updated = vi.mocked(publish).mock.calls.flatMap(([batch]) => batch.filter((e) => e.name === "conversation.updated"));
    expect(new Set(updated.map((e) => (e.data as { conversationId: string }).conversationId)).size).toBe(2);
  });

  it("leaves the rotation's cursor alone, so messages of waiting chats do not queue on its row", async () => {
    const { workspaceId, phoneNumberId } = await workspaceWithAgents(0, [{ availability: "away" }]);
    for (let i = 0; i < 3; i++) await deliver(phoneNumberId, String(5511945000000 + i), `wamid.cursor.${workspaceId}.${i}`);
    await deliver(phoneNumberId, "5511945000000", `wamid.cursor.${workspaceId}.again`);
    const cursor = await db().execute(sql`select position from assignment_cursors where workspace_id = ${workspaceId}`);
    expect(rowsOf(cursor)).toEqual([]);
  });

  it("assigns nothing when automatic assignment is off", async () => {
    const { workspaceId, phoneNumberId } = await workspaceWithAgents(2);
    await saveSettings(db(), workspaceId, supportAgentSection, { restrictToAssigned: false, autoAssign: false, method: "round_robin" }, null);
    await deliver(phoneNumberId, "5511930000000", `wamid.off.${workspaceId}`);
    expect((await assigneeCounts(workspaceId)).get(null)).toBe(1);
  });
});
