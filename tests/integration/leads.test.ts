import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLeadFromConversationAction, updateLeadAction } from "@/app/(dashboard)/leads/actions";
import { setCanReassignLeadsAction } from "@/app/(dashboard)/team/actions";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, leadEvents, leadSources, leads } from "@/lib/db/schema";
import { getLeadDetail, listLeads } from "@/lib/leads/queries";
import { updateLead } from "@/lib/leads/update";
import { userChannel, workspaceChannel } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/realtime/publish")>()),
  publish: vi.fn(async () => {}),
}));

type Member = Awaited<ReturnType<typeof createMember>> & { workspaceId: string; role: "admin" | "agent" };

let connection: DbConnection;
let workspaceId: string;
let admin: Member;
let ana: Member;
let bruno: Member;
let whatsappSource: string;
let facebookSource: string;
let n = 0;

async function member(ws: string, role: "admin" | "agent", name: string): Promise<Member> {
  return { ...(await createMember(connection.db, { workspaceId: ws, role, name })), workspaceId: ws, role };
}

async function contactWithChat(ws: string, name: string, assignee: string | null = null) {
  const waId = `55119770000${String(++n).padStart(2, "0")}`;
  const [contact] = await connection.db.insert(contacts).values({ workspaceId: ws, waId, profileName: name }).returning();
  const [conversation] = await connection.db.insert(conversations).values({ workspaceId: ws, contactId: contact!.id, assignedUserId: assignee }).returning();
  return { contact: contact!, conversation: conversation!, waId };
}

async function lead(ws: string, name: string, values: Partial<typeof leads.$inferInsert> = {}) {
  const { contact, conversation, waId } = await contactWithChat(ws, name, values.assignedUserId ?? null);
  const [row] = await connection.db
    .insert(leads)
    .values({ workspaceId: ws, contactId: contact.id, conversationId: conversation.id, ...values })
    .returning();
  return { ...row!, waId };
}

async function restrictChats(on: boolean) {
  await saveSettings(connection.db, workspaceId, supportAgentSection, { restrictToAssigned: on, autoAssign: false, method: "round_robin" }, null);
}

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  admin = await member(workspaceId, "admin", "Alice Admin");
  ana = await member(workspaceId, "agent", "Ana Agent");
  bruno = await member(workspaceId, "agent", "Bruno Agent");
  const sources = await connection.db.select().from(leadSources).where(eq(leadSources.workspaceId, workspaceId));
  whatsappSource = sources.find((s) => s.systemKey === "whatsapp")!.id;
  facebookSource = sources.find((s) => s.systemKey === "facebook")!.id;
});
afterAll(() => connection.close());

describe("the leads list", () => {
  let maria: Awaited<ReturnType<typeof lead>>;
  let joao: Awaited<ReturnType<typeof lead>>;
  let carla: Awaited<ReturnType<typeof lead>>;

  beforeAll(async () => {
    maria = await lead(workspaceId, "Maria Souza", { status: "new", sourceId: whatsappSource, assignedUserId: ana.userId, tags: ["vip"], createdAt: new Date("2025-03-01T15:00:00Z") });
    joao = await lead(workspaceId, "João Lima", { status: "qualified", sourceId: facebookSource, assignedUserId: bruno.userId, createdAt: new Date("2025-03-10T15:00:00Z") });
    carla = await lead(workspaceId, "Carla 100%", { status: "new", sourceId: facebookSource, tags: ["vip", "atacado"], createdAt: new Date("2025-03-20T15:00:00Z") });
  });

  it("lists newest first and pages with a cursor without repeating or skipping", async () => {
    const first = await listLeads(connection.db, admin, { limit: 2 });
    expect(ids(first)).toEqual([carla.id, joao.id]);
    const second = await listLeads(connection.db, admin, { limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual([maria.id]);
    expect(second.nextCursor).toBeNull();
    expect(first.items[1]).toMatchObject({ contact: { name: "João Lima" }, source: { systemKey: "facebook" }, assignee: { name: "Bruno Agent" } });
  });

  it("filters by status, source, assignee, tag and created days", async () => {
    expect(ids(await listLeads(connection.db, admin, { status: "new" }))).toEqual([carla.id, maria.id]);
    expect(ids(await listLeads(connection.db, admin, { sourceId: facebookSource }))).toEqual([carla.id, joao.id]);
    expect(ids(await listLeads(connection.db, admin, { assigneeUserId: ana.userId }))).toEqual([maria.id]);
    expect(ids(await listLeads(connection.db, admin, { assigneeUserId: "none" }))).toEqual([carla.id]);
    expect(ids(await listLeads(connection.db, admin, { tag: "vip" }))).toEqual([carla.id, maria.id]);
    expect(ids(await listLeads(connection.db, admin, { createdFrom: "2025-03-05", createdTo: "2025-03-10" }))).toEqual([joao.id]);
    expect(ids(await listLeads(connection.db, admin, { sourceId: "not-a-uuid" }))).toEqual([]);
  });

  it("searches by contact name (wildcards taken literally) and by number", async () => {
    expect(ids(await listLeads(connection.db, admin, { search: "souza" }))).toEqual([maria.id]);
    expect(ids(await listLeads(connection.db, admin, { search: "100%" }))).toEqual([carla.id]);
    expect(ids(await listLeads(connection.db, admin, { search: "%" }))).toEqual([carla.id]);
    expect(ids(await listLeads(connection.db, admin, { search: joao.waId.slice(-6) }))).toEqual([joao.id]);
  });

  it("never shows another workspace's leads", async () => {
    const other = (await createWorkspace(connection.db)).id;
    const outsider = await member(other, "admin", "Outsider");
    await lead(other, "Maria Souza");
    expect(ids(await listLeads(connection.db, admin, { search: "souza" }))).toEqual([maria.id]);
    expect(ids(await listLeads(connection.db, outsider, {}))).not.toContain(maria.id);
  });
});

describe("updating a lead", () => {
  it("writes one event per changed field, with from, to and the actor", async () => {
    const l = await lead(workspaceId, "Evento Teste", { status: "new", sourceId: whatsappSource, assignedUserId: ana.userId });
    const result = await updateLead(connection.db, ana, l.id, { status: "closed", outcome: "won", value: "1.500,00", tags: [" vip ", "VIP", "novo"], sourceId: whatsappSource });
    expect(result.changed.sort()).toEqual(["outcome", "status", "tags", "value"]);
    const events = await connection.db.select().from(leadEvents).where(eq(leadEvents.leadId, l.id));
    expect(events.find((e) => e.kind === "status")).toMatchObject({ fromValue: "new", toValue: "closed", actorUserId: ana.userId });
    expect(events.find((e) => e.kind === "value")).toMatchObject({ fromValue: null, toValue: "1500.00" });
    expect(events.find((e) => e.kind === "tags")).toMatchObject({ toValue: JSON.stringify(["vip", "novo"]) });

    await updateLead(connection.db, admin, l.id, { status: "contacted", sourceId: facebookSource });
    const detail = await getLeadDetail(connection.db, admin, l.id);
    expect(detail).toMatchObject({ status: "contacted", outcome: null, value: "1500.00", tags: ["vip", "novo"] });
    expect(detail.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "status", "outcome", "source"]));
    expect(detail.events.find((e) => e.kind === "source")).toMatchObject({ from: "system:whatsapp", to: "system:facebook", actor: { name: "Alice Admin" } });
    expect(detail.events.filter((e) => e.kind === "outcome").map((e) => [e.from, e.to])).toEqual([[null, "won"], ["won", null]]);
  });

  it("records nothing when nothing changed", async () => {
    const l = await lead(workspaceId, "Sem Mudança", { status: "new", assignedUserId: ana.userId });
    expect((await updateLead(connection.db, ana, l.id, { status: "new", notes: "" })).changed).toEqual([]);
    expect(await connection.db.select().from(leadEvents).where(eq(leadEvents.leadId, l.id))).toEqual([]);
  });

  it("refuses an invalid value, more than 20 tags, an outcome on an open lead, and an archived source", async () => {
    const l = await lead(workspaceId, "Validação", { assignedUserId: ana.userId });
    actAs(ana);
    expect(await updateLeadAction({ leadId: l.id, value: "12abc" })).toMatchObject({ ok: false, fieldErrors: { value: expect.any(String) } });
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(await updateLeadAction({ leadId: l.id, tags })).toMatchObject({ ok: false, code: "bad_request:fields" });
    expect(await updateLeadAction({ leadId: l.id, outcome: "won" })).toMatchObject({ ok: false, fieldErrors: { outcome: expect.any(String) } });
    const [archived] = await connection.db.insert(leadSources).values({ workspaceId, name: "Old fair", archivedAt: new Date() }).returning();
    expect(await updateLeadAction({ leadId: l.id, sourceId: archived!.id })).toMatchObject({ ok: false, fieldErrors: { sourceId: expect.any(String) } });
  });
});

describe("who may see and change a lead", () => {
  let anas: Awaited<ReturnType<typeof lead>>;
  let brunos: Awaited<ReturnType<typeof lead>>;

  beforeAll(async () => {
    anas = await lead(workspaceId, "Lead da Ana", { assignedUserId: ana.userId });
    brunos = await lead(workspaceId, "Lead do Bruno", { assignedUserId: bruno.userId });
  });

  it("when chats are restricted, an agent edits their own lead and gets not found for a colleague's", async () => {
    await restrictChats(true);
    actAs(ana);
    expect(await updateLeadAction({ leadId: anas.id, notes: "Ligar amanhã" })).toMatchObject({ ok: true });
    expect(await updateLeadAction({ leadId: brunos.id, notes: "x" })).toMatchObject({ ok: false, code: "not_found:lead" });
    await expect(getLeadDetail(connection.db, ana, brunos.id)).rejects.toMatchObject({ code: "not_found:lead" });
    const visible = ids(await listLeads(connection.db, ana, { limit: 100 }));
    expect(visible).toContain(anas.id);
    expect(visible).not.toContain(brunos.id);
  });

  it("when chats are not restricted, an agent may view a colleague's lead but not change it", async () => {
    await restrictChats(false);
    actAs(ana);
    const detail = await getLeadDetail(connection.db, ana, brunos.id);
    expect(detail.mayEdit).toBe(false);
    expect(await updateLeadAction({ leadId: brunos.id, status: "contacted" })).toMatchObject({ ok: false, code: "forbidden:lead" });
    expect(ids(await listLeads(connection.db, ana, { limit: 100 }))).toContain(brunos.id);
  });

  it("an agent cannot reassign, not even their own lead", async () => {
    actAs(ana);
    const result = await updateLeadAction({ leadId: anas.id, assigneeUserId: bruno.userId });
    expect(result).toMatchObject({ ok: false, code: "forbidden:lead", error: "Only an admin, or an agent an admin allowed on the team screen, can hand a lead to someone else." });
    expect((await getLeadDetail(connection.db, admin, anas.id)).assignee?.id).toBe(ana.userId);
  });

  it("an agent an admin allowed on the team screen reassigns a lead they can see, and nothing else; revoking stops it", async () => {
    const brunosOther = await lead(workspaceId, "Outro lead do Bruno", { assignedUserId: bruno.userId });
    actAs(admin);
    expect(await setCanReassignLeadsAction({ membershipId: ana.membershipId, allowed: true })).toMatchObject({ ok: true });
    actAs(ana);
    expect(await updateLeadAction({ leadId: brunosOther.id, notes: "x" })).toMatchObject({ ok: false, code: "forbidden:lead" });
    expect(await updateLeadAction({ leadId: brunosOther.id, assigneeUserId: ana.userId })).toMatchObject({ ok: true });
    expect((await getLeadDetail(connection.db, admin, brunosOther.id)).assignee?.id).toBe(ana.userId);
    // The agent cannot grant it to themselves.
    expect(await setCanReassignLeadsAction({ membershipId: bruno.membershipId, allowed: true })).toMatchObject({ ok: false, code: "not_found:team" });

    actAs(admin);
    expect(await setCanReassignLeadsAction({ membershipId: ana.membershipId, allowed: false })).toMatchObject({ ok: true });
    actAs(ana);
    expect(await updateLeadAction({ leadId: anas.id, assigneeUserId: bruno.userId })).toMatchObject({ ok: false, code: "forbidden:lead" });
  });

  it("another workspace's lead and a malformed id are not found, even for an admin", async () => {
    const other = (await createWorkspace(connection.db)).id;
    const foreign = await lead(other, "Estranho");
    actAs(admin);
    expect(await updateLeadAction({ leadId: foreign.id, notes: "x" })).toMatchObject({ ok: false, code: "not_found:lead" });
    expect(await updateLeadAction({ leadId: "nope", notes: "x" })).toMatchObject({ ok: false, code: "not_found:lead" });
    await expect(getLeadDetail(connection.db, admin, foreign.id)).rejects.toMatchObject({ code: "not_found:lead" });
  });

  it("an admin reassigns to an active member only, and the new assignee is told on their own channel", async () => {
    actAs(admin);
    vi.mocked(publish).mockClear();
    const outsider = await member((await createWorkspace(connection.db)).id, "agent", "Outsider");
    expect(await updateLeadAction({ leadId: brunos.id, assigneeUserId: outsider.userId })).toMatchObject({ ok: false, fieldErrors: { assigneeUserId: expect.any(String) } });
    expect(publish).not.toHaveBeenCalled();

    expect(await updateLeadAction({ leadId: brunos.id, assigneeUserId: ana.userId })).toMatchObject({ ok: true });
    const events = vi.mocked(publish).mock.calls.flatMap(([batch]) => batch);
    expect(events).toContainEqual({ channel: userChannel(ana.userId), name: "lead.assigned", data: { leadId: brunos.id, toUserId: ana.userId, contactName: "Lead do Bruno" } });
    expect(events).toContainEqual({ channel: workspaceChannel(workspaceId), name: "lead.updated", data: { leadId: brunos.id } });
    const [event] = await connection.db.select().from(leadEvents).where(and(eq(leadEvents.leadId, brunos.id), eq(leadEvents.kind, "assignee")));
    expect(event).toMatchObject({ fromValue: bruno.userId, toValue: ana.userId, actorUserId: admin.userId });
  });
});

describe("creating a lead from a conversation", () => {
  it("creates one lead per contact and returns the existing one the second time", async () => {
    const { conversation, contact } = await contactWithChat(workspaceId, "Novo Cliente", ana.userId);
    actAs(ana);
    const first = await createLeadFromConversationAction({ conversationId: conversation.id });
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    const second = await createLeadFromConversationAction({ conversationId: conversation.id });
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(second.data.leadId).toBe(first.data.leadId);
    const rows = await connection.db.select().from(leads).where(eq(leads.contactId, contact.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "new", sourceId: whatsappSource, assignedUserId: ana.userId, conversationId: conversation.id });
    const detail = await getLeadDetail(connection.db, ana, first.data.leadId);
    expect(detail.events[0]).toMatchObject({ kind: "created", actor: { name: "Ana Agent" } });
  });

  it("refuses a conversation of another workspace with not found", async () => {
    const other = (await createWorkspace(connection.db)).id;
    const { conversation } = await contactWithChat(other, "Estranho");
    actAs(admin);
    expect(await createLeadFromConversationAction({ conversationId: conversation.id })).toMatchObject({ ok: false, code: "not_found:conversation" });
  });
});
