import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkNewConversationNumberAction, startConversationAction } from "@/app/(dashboard)/inbox/new-conversation-actions";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages, messageTemplates } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { syncTemplates } from "@/lib/templates/sync";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { sampleTemplates, TEMPLATE_ERRORS } from "../fakes/graph-templates";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
const published = vi.mocked(publish);

const TOKEN = "test-access-token-new-conversation";
const PHONE_A = "100000000000081";
const WABA_A = "200000000000081";
const PHONE_B = "100000000000082";
const WABA_B = "200000000000082";

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
type Who = Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let A: { id: string; admin: Who; agent: Who; otherAgent: Who };
let B: { id: string; agent: Who };
const templateIds: Record<string, string> = {};

const member = async (workspaceId: string, role: "admin" | "agent", name: string): Promise<Who> => ({ ...(await createMember(db, { workspaceId, role, name })), workspaceId });
const sends = () => graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setPhoneNumber(PHONE_A, { verified_name: "Loja A" });
  graph.setPhoneNumber(PHONE_B, { verified_name: "Loja B" });
  graph.templates.set(WABA_A, sampleTemplates());
  graph.templates.set(WABA_B, sampleTemplates());
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  const a = (await createWorkspace(db, { name: "A" })).id;
  const b = (await createWorkspace(db, { name: "B" })).id;
  A = { id: a, admin: await member(a, "admin", "Alice Admin"), agent: await member(a, "agent", "Ana Agent"), otherAgent: await member(a, "agent", "Otto Agent") };
  B = { id: b, agent: await member(b, "agent", "Bia B") };
  await saveChannel(db, a, { phoneNumberId: PHONE_A, wabaId: WABA_A, displayPhoneNumber: "+55 11 90000-0081", accessToken: TOKEN });
  await saveChannel(db, b, { phoneNumberId: PHONE_B, wabaId: WABA_B, displayPhoneNumber: "+1 415-555-2671", accessToken: TOKEN });
  await syncTemplates(db, a);
  await syncTemplates(db, b);
  for (const row of await db.select().from(messageTemplates).where(eq(messageTemplates.workspaceId, a))) templateIds[row.name] = row.id;
  templateIds.b_hello = (await db.select().from(messageTemplates).where(and(eq(messageTemplates.workspaceId, b), eq(messageTemplates.name, "hello_world"))))[0]!.id;
});
afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
  await graph?.close();
  await connection?.close();
});
beforeEach(() => {
  published.mockClear();
  graph.failMessages(null);
  actAs(A.agent);
});

const orderShipped = (phone: string, name = "") => ({
  phone,
  name,
  templateId: templateIds.order_shipped!,
  params: { "header:1": "#77", "body:1": "Carla", "body:2": "#77", "button:0": "77" },
});

describe("starting a conversation with a template", () => {
  it("creates the contact and a thread assigned to the agent, sends the template to the number and shows it in the thread", async () => {
    const before = sends().length;
    const result = await startConversationAction(orderShipped("(11) 97777-0001", "Carla Dias"));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.message).toMatchObject({ type: "template", status: "sent", direction: "outbound" });
    const [sent] = sends().slice(before);
    expect(sent!.body).toMatchObject({ messaging_product: "whatsapp", to: "5511977770001", type: "template", template: { name: "order_shipped", language: { code: "pt_BR" } } });

    const [thread] = await db.select().from(conversations).where(eq(conversations.id, result.data.conversationId));
    expect(thread).toMatchObject({ workspaceId: A.id, assignedUserId: A.agent.userId, status: "open", lastMessageType: "template", lastMessageDirection: "outbound" });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, thread!.contactId));
    expect(contact).toMatchObject({ waId: "5511977770001", profileName: "Carla Dias" });
    expect(published.mock.calls.flat(2).map((e) => (e as { name: string }).name)).toEqual(expect.arrayContaining(["conversation.updated", "message.created", "message.updated"]));
  });

  it("stores the customer under the wa_id WhatsApp answers with, so a Brazilian reply without the 9th digit lands in the same thread", async () => {
    graph.setWhatsAppId("5521977770002", "552177770002");
    const result = await startConversationAction(orderShipped("21 97777-0002"));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [thread] = await db.select().from(conversations).where(eq(conversations.id, result.data.conversationId));
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, thread!.contactId));
    expect(contact!.waId).toBe("552177770002");
    // Starting again with either spelling finds the same thread.
    const again = await startConversationAction(orderShipped("+55 21 97777-0002"));
    expect(again.ok && again.data.conversationId).toBe(result.data.conversationId);
  });

  it("reads a number without country code in the business's own country", async () => {
    actAs(B.agent);
    const result = await startConversationAction({ phone: "(415) 555-2671", name: "", templateId: templateIds.b_hello!, params: {} });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(sends().at(-1)!.body).toMatchObject({ to: "14155552671" });
  });

  it("keeps the thread with the customer's failure in words when WhatsApp refuses the number", async () => {
    graph.failMessages(TEMPLATE_ERRORS.undeliverable());
    const result = await startConversationAction(orderShipped("11 97777-0003"));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.message).toMatchObject({ status: "failed" });
    const [stored] = await db.select().from(messages).where(eq(messages.conversationId, result.data.conversationId));
    expect(stored!.error).toEqual({ code: 131026 });
  });

  it("refuses a bad number, a missing value and an unapproved template before storing or sending anything", async () => {
    const before = { sends: sends().length, contacts: (await db.select().from(contacts)).length };
    for (const phone of ["123", "abc", "", "11 97777\u0000-0004", "9".repeat(150)]) {
      expect(await startConversationAction(orderShipped(phone))).toMatchObject({ ok: false, fieldErrors: { phone: expect.any(String) } });
    }
    const missing = await startConversationAction({ ...orderShipped("11 97777-0004"), params: { "body:1": "Carla" } });
    expect(missing).toMatchObject({ ok: false, fieldErrors: expect.objectContaining({ "params.body:2": expect.any(String) }) });
    expect(await startConversationAction({ phone: "11 97777-0004", name: "", templateId: templateIds.summer_sale!, params: {} })).toMatchObject({ ok: false, code: "conflict:template" });
    expect(await startConversationAction({ ...orderShipped("11 97777-0004"), name: "Nome\u0000" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(sends().length).toBe(before.sends);
    expect((await db.select().from(contacts)).length).toBe(before.contacts);
  });

  it("refuses another workspace's template as not found, and an agent's start into another agent's restricted chat", async () => {
    expect(await startConversationAction({ phone: "11 97777-0005", name: "", templateId: templateIds.b_hello!, params: {} })).toMatchObject({ ok: false, code: "not_found:template" });
    actAs(A.otherAgent);
    const first = await startConversationAction(orderShipped("11 97777-0006"));
    if (!first.ok) throw new Error(JSON.stringify(first));
    await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: true, autoAssign: true, method: "round_robin" }, null);
    try {
      actAs(A.agent);
      const before = sends().length;
      const refused = await startConversationAction(orderShipped("11 97777-0006"));
      expect(refused).toMatchObject({ ok: false, code: "conflict:conversation" });
      expect(sends().length).toBe(before);
      expect(await checkNewConversationNumberAction({ phone: "11 97777-0006" })).toMatchObject({ ok: true, data: { existing: null } });
      actAs(A.admin);
      expect(await checkNewConversationNumberAction({ phone: "11 97777-0006" })).toMatchObject({ ok: true, data: { e164: "+5511977770006", existing: { conversationId: first.data.conversationId } } });
    } finally {
      await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: false, autoAssign: true, method: "round_robin" }, null);
    }
  });

  it("checks the number first: its E.164 form and the customer's thread the member may open", async () => {
    expect(await checkNewConversationNumberAction({ phone: "(11) 7777-0001" })).toMatchObject({ ok: true, data: { e164: "+5511977770001", existing: { contactName: "Carla Dias" } } });
    expect(await checkNewConversationNumberAction({ phone: "+55 11 97777-9999" })).toMatchObject({ ok: true, data: { existing: null } });
    expect(await checkNewConversationNumberAction({ phone: "nope" })).toMatchObject({ ok: false, fieldErrors: { phone: expect.any(String) } });
    actAs(B.agent);
    expect(await checkNewConversationNumberAction({ phone: "+55 11 97777-0001" })).toMatchObject({ ok: true, data: { existing: null } });
  });
});
