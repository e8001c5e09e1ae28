import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { assignConversationAction } from "@/app/(dashboard)/inbox/actions";
import { GET as historyRoute } from "@/app/api/inbox/conversations/[conversationId]/assignments/route";
import { GET as membersRoute } from "@/app/api/inbox/members/route";
import { changeAssignee } from "@/lib/assignment/change-assignee";
import { listAssignmentHistory } from "@/lib/assignment/manual";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversationEvents, conversations, memberships } from "@/lib/db/schema";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
const published = vi.mocked(publish);

type TestMember = { userId: string; workspaceId: string; role: "admin" | "agent"; name: string };

let connection: DbConnection;
let db: Db;
let A: string;
let B: string;
let admin: TestMember;
let ana: TestMember;
let bruno: TestMember;
let carla: TestMember;
let inactive: TestMember;
let otherAdmin: TestMember;

async function member(workspaceId: string, name: string, role: "admin" | "agent" = "agent", active = true): Promise<TestMember> {
  const created = await createMember(db, { workspaceId, name, role, active });
  return { userId: created.userId, workspaceId, role, name };
}

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  A = (await createWorkspace(db, { name: "A" })).id;
  B = (await createWorkspace(db, { name: "B" })).id;
  admin = await member(A, "Admin Alice", "admin");
  ana = await member(A, "Ana Agent");
  bruno = await member(A, "Bruno Agent");
  carla = await member(A, "Carla Agent");
  inactive = await member(A, "Ivo Inactive", "agent", false);
  otherAdmin = await member(B, "Olga Other", "admin");
});
afterAll(async () => {
  await connection?.close();
});
beforeEach(() => {
  published.mockClear();
  actAs(admin);
});

let seq = 0;
async function seedConversation(workspaceId: string, assignedUserId: string | null = null, name = "Maria Souza") {
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId, waId: `5511900${String(++seq).padStart(6, "0")}`, profileName: name })
    .returning();
  const [conversation] = await db.insert(conversations).values({ workspaceId, contactId: contact!.id, assignedUserId }).returning();
  return conversation!;
}

const assigneeOf = async (id: string) => (await db.select().from(conversations).where(eq(conversations.id, id)))[0]!.assignedUserId;
const eventsOf = (id: string) => db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id));
const person = (m: TestMember) => ({ id: m.userId, name: m.name });
const history = (conversationId: string) => listAssignmentHistory(db, admin, conversationId);
const workspaceEvent = (conversationId: string) => ({ channel: `private-workspace-${A}`, name: "conversation.updated", data: { conversationId } });
const assignedEvent = (conversationId: string, to: TestMember, by: TestMember, contactName = "Maria Souza") => ({
  channel: `private-user-${to.userId}`,
  name: "conversation.assigned",
  data: { conversationId, toUserId: to.userId, byUserId: by.userId, contactName },
});
const FORBIDDEN = {
  ok: false,
  code: "forbidden:assignment",
  error: "You can take an unassigned conversation or hand over your own; only an admin can reassign someone else's.",
};

describe("an admin", () => {
  it("assigns, reassigns and unassigns any chat, and each change is recorded with who did it", async () => {
    const conversation = await seedConversation(A);

    const assigned = await assignConversationAction({ conversationId: conversation.id, toUserId: ana.userId });
    expect(assigned.ok).toBe(true);
    expect(assigned.ok && assigned.data).toMatchObject({ id: conversation.id, assignee: person(ana) });
    expect(published.mock.calls.flat(2)).toEqual([workspaceEvent(conversation.id), assignedEvent(conversation.id, ana, admin)]);

    published.mockClear();
    const reassigned = await assignConversationAction({ conversationId: conversation.id, toUserId: bruno.userId });
    expect(reassigned.ok && reassigned.data?.assignee).toEqual(person(bruno));
    expect(published.mock.calls.flat(2)).toEqual([workspaceEvent(conversation.id), assignedEvent(conversation.id, bruno, admin)]);

    published.mockClear();
    const unassigned = await assignConversationAction({ conversationId: conversation.id, toUserId: null });
    expect(unassigned.ok && unassigned.data?.assignee).toBeNull();
    // Nobody to tell in person: only the workspace's lists refresh.
    expect(published.mock.calls.flat(2)).toEqual([workspaceEvent(conversation.id)]);
    expect(await assigneeOf(conversation.id)).toBeNull();

    const entries = await history(conversation.id);
    expect(entries.map(({ at: _at, ...rest }) => rest)).toEqual([
      { kind: "unassigned", from: person(bruno), to: null, by: person(admin) },
      { kind: "assigned", from: person(ana), to: person(bruno), by: person(admin) },
      { kind: "assigned", from: null, to: person(ana), by: person(admin) },
    ]);
    const rows = await eventsOf(conversation.id);
    expect(entries.map((e) => e.at).sort().reverse()).toEqual(entries.map((e) => e.at));
    expect(new Set(entries.map((e) => e.at))).toEqual(new Set(rows.map((r) => r.createdAt.toISOString())));
  });

  it("records nothing and publishes nothing when the chat already has that assignee", async () => {
    const conversation = await seedConversation(A, ana.userId);
    const result = await assignConversationAction({ conversationId: conversation.id, toUserId: ana.userId });
    expect(result.ok && result.data?.assignee).toEqual(person(ana));
    expect(await eventsOf(conversation.id)).toEqual([]);
    expect(published.mock.calls.flat(2)).toEqual([]);
  });

  it("may not assign to a deactivated member or to someone of another workspace", async () => {
    const conversation = await seedConversation(A, ana.userId);
    for (const target of [inactive, otherAdmin]) {
      expect(await assignConversationAction({ conversationId: conversation.id, toUserId: target.userId })).toMatchObject({
        ok: false,
        code: "not_found:member",
      });
    }
    expect(await assigneeOf(conversation.id)).toBe(ana.userId);
    expect(await eventsOf(conversation.id)).toEqual([]);
    expect(published).not.toHaveBeenCalled();
  });

  it("gets not found for another workspace's chat, and it stays untouched", async () => {
    const foreign = await seedConversation(B);
    for (const id of [foreign.id, "not-a-uuid"]) {
      expect(await assignConversationAction({ conversationId: id, toUserId: admin.userId })).toMatchObject({
        ok: false,
        code: "not_found:conversation",
      });
    }
    expect(await assigneeOf(foreign.id)).toBeNull();
    expect(await eventsOf(foreign.id)).toEqual([]);
    expect(published).not.toHaveBeenCalled();
  });
});

describe("an agent", () => {
  it("takes an unassigned chat for themselves", async () => {
    const conversation = await seedConversation(A, null, "João Pereira");
    actAs(ana);
    const result = await assignConversationAction({ conversationId: conversation.id, toUserId: ana.userId });
    expect(result.ok && result.data?.assignee).toEqual(person(ana));
    expect((await history(conversation.id)).map(({ at: _at, ...rest }) => rest)).toEqual([
      { kind: "assigned", from: null, to: person(ana), by: person(ana) },
    ]);
    expect(published.mock.calls.flat(2)).toEqual([workspaceEvent(conversation.id), assignedEvent(conversation.id, ana, ana, "João Pereira")]);
  });

  it("hands their own chat to a colleague, or back to nobody", async () => {
    const conversation = await seedConversation(A, ana.userId);
    actAs(ana);
    const handed = await assignConversationAction({ conversationId: conversation.id, toUserId: bruno.userId });
    expect(handed.ok && handed.data?.assignee).toEqual(person(bruno));
    expect(published.mock.calls.flat(2)).toEqual([workspaceEvent(conversation.id), assignedEvent(conversation.id, bruno, ana)]);

    const mine = await seedConversation(A, ana.userId);
    expect((await assignConversationAction({ conversationId: mine.id, toUserId: null })).ok).toBe(true);
    expect(await assigneeOf(mine.id)).toBeNull();
    expect((await history(mine.id)).map(({ at: _at, ...rest }) => rest)).toEqual([
      { kind: "unassigned", from: person(ana), to: null, by: person(ana) },
    ]);
  });

  it("cannot move someone else's chat, nor give an unassigned one to a colleague", async () => {
    const brunos = await seedConversation(A, bruno.userId);
    const unassigned = await seedConversation(A);
    actAs(ana);
    for (const attempt of [
      { conversationId: brunos.id, toUserId: ana.userId },
      { conversationId: brunos.id, toUserId: carla.userId },
      { conversationId: brunos.id, toUserId: null },
      { conversationId: unassigned.id, toUserId: carla.userId },
    ]) {
      expect(await assignConversationAction(attempt)).toEqual(FORBIDDEN);
    }
    expect(await assigneeOf(brunos.id)).toBe(bruno.userId);
    expect(await assigneeOf(unassigned.id)).toBeNull();
    expect([...(await eventsOf(brunos.id)), ...(await eventsOf(unassigned.id))]).toEqual([]);
    expect(published).not.toHaveBeenCalled();
  });

  it("cannot hand their chat to a deactivated member", async () => {
    const conversation = await seedConversation(A, ana.userId);
    actAs(ana);
    expect(await assignConversationAction({ conversationId: conversation.id, toUserId: inactive.userId })).toMatchObject({
      ok: false,
      code: "not_found:member",
    });
    expect(await assigneeOf(conversation.id)).toBe(ana.userId);
    expect(published).not.toHaveBeenCalled();
  });

  it("gets not found for a chat of another workspace, even an unassigned one", async () => {
    const foreign = await seedConversation(B);
    actAs(ana);
    expect(await assignConversationAction({ conversationId: foreign.id, toUserId: ana.userId })).toMatchObject({
      ok: false,
      code: "not_found:conversation",
    });
    expect(await assigneeOf(foreign.id)).toBeNull();
    expect(published).not.toHaveBeenCalled();
  });

  it("gets null back after handing a chat over while agents see only their own chats", async () => {
    const workspaceId = (await createWorkspace(db, { name: "Restricted" })).id;
    const dora = await member(workspaceId, "Dora Agent");
    const edu = await member(workspaceId, "Edu Agent");
    await saveSettings(db, workspaceId, supportAgentSection, { restrictToAssigned: true, autoAssign: false, method: "round_robin" }, null);
    const conversation = await seedConversation(workspaceId, dora.userId);
    actAs(dora);
    expect(await assignConversationAction({ conversationId: conversation.id, toUserId: edu.userId })).toEqual({ ok: true, data: null });
    expect(await assigneeOf(conversation.id)).toBe(edu.userId);
    // Now out of Dora's sight: a second attempt is not found, not forbidden.
    expect(await assignConversationAction({ conversationId: conversation.id, toUserId: dora.userId })).toMatchObject({
      ok: false,
      code: "not_found:conversation",
    });
  });
});

describe("the history", () => {
  it("names the automatic assignment as nobody's action", async () => {
    const conversation = await seedConversation(A);
    await changeAssignee(db, { workspaceId: A, conversationId: conversation.id, toUserId: carla.userId, actorUserId: null });
    await assignConversationAction({ conversationId: conversation.id, toUserId: ana.userId });
    expect((await history(conversation.id)).map(({ at: _at, ...rest }) => rest)).toEqual([
      { kind: "assigned", from: person(carla), to: person(ana), by: person(admin) },
      { kind: "assigned", from: null, to: person(carla), by: null },
    ]);
  });

  it("is served by its route to members who may see the chat, and 404 or 401 otherwise", async () => {
    const conversation = await seedConversation(A);
    await assignConversationAction({ conversationId: conversation.id, toUserId: bruno.userId });
    const get = (id: string) => historyRoute(new Request("http://localhost/"), { params: Promise.resolve({ conversationId: id }) });

    actAs(ana);
    const response = await get(conversation.id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as unknown[];
    expect(body).toEqual([{ kind: "assigned", from: null, to: person(bruno), by: person(admin), at: expect.any(String) }]);

    actAs(otherAdmin);
    expect((await get(conversation.id)).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
    actAs(null);
    expect((await get(conversation.id)).status).toBe(401);
  });
});

describe("the members route", () => {
  it("lists the workspace's active members by name, without deactivated ones or other workspaces'", async () => {
    actAs(ana);
    const response = await membersRoute(new Request("http://localhost/api/inbox/members"), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(
      [admin, ana, bruno, carla].map((m) => ({ userId: m.userId, name: m.name, role: m.role, availability: "available" })),
    );
    actAs(null);
    expect((await membersRoute(new Request("http://localhost/api/inbox/members"), undefined)).status).toBe(401);
  });

  it("stops offering a member once deactivated", async () => {
    const workspaceId = (await createWorkspace(db)).id;
    const boss = await member(workspaceId, "Boss", "admin");
    const leaving = await member(workspaceId, "Leaving Agent");
    await db.update(memberships).set({ active: false }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, leaving.userId)));
    actAs(boss);
    const body = (await (await membersRoute(new Request("http://localhost/"), undefined)).json()) as { userId: string }[];
    expect(body.map((m) => m.userId)).toEqual([boss.userId]);
  });
});
