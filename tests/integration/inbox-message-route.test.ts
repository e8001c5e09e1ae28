import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as messageRoute } from "@/app/api/inbox/conversations/[conversationId]/messages/[messageId]/route";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

/** GET /api/inbox/conversations/:id/messages/:messageId: the one message a real-time event names, for the open chat. */
type Member = Awaited<ReturnType<typeof createMember>>;
type Chat = { conversationId: string; messageId: string; reactionId: string };
let connection: DbConnection;
let workspaceId: string;
let admin: Member;
let ana: Member;
let bruno: Member;
let anas: Chat;
let brunos: Chat;
let foreign: Chat;
let n = 0;

async function chat(workspace: string, assignee: string | null): Promise<Chat> {
  n += 1;
  const db = connection.db;
  const [contact] = await db.insert(contacts).values({ workspaceId: workspace, waId: `55119777700${n}`, profileName: `Cliente ${n}` }).returning();
  const [conversation] = await db.insert(conversations).values({ workspaceId: workspace, contactId: contact!.id, assignedUserId: assignee }).returning();
  const row = (wamid: string, extra: Partial<typeof messages.$inferInsert> = {}) => ({
    workspaceId: workspace, conversationId: conversation!.id, wamid, direction: "inbound" as const, sender: "customer" as const,
    type: "text", text: `olá ${n}`, status: "received" as const, sentAt: new Date(), ...extra,
  });
  const [message] = await db.insert(messages).values(row(`wamid.one.${n}`)).returning();
  const [reaction] = await db.insert(messages).values(row(`wamid.reaction.${n}`, { type: "reaction", text: null, payload: { emoji: "👍" } })).returning();
  return { conversationId: conversation!.id, messageId: message!.id, reactionId: reaction!.id };
}

const get = (conversationId: string, messageId: string) =>
  messageRoute(new Request("http://x/"), { params: Promise.resolve({ conversationId, messageId }) });
const restrict = (restrictToAssigned: boolean) =>
  saveSettings(connection.db, workspaceId, supportAgentSection, { restrictToAssigned, autoAssign: false, method: "round_robin" }, null);

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  const otherWorkspaceId = (await createWorkspace(connection.db)).id;
  admin = await createMember(connection.db, { workspaceId, role: "admin" });
  ana = await createMember(connection.db, { workspaceId, role: "agent" });
  bruno = await createMember(connection.db, { workspaceId, role: "agent" });
  anas = await chat(workspaceId, ana.userId);
  brunos = await chat(workspaceId, bruno.userId);
  foreign = await chat(otherWorkspaceId, null);
});
afterAll(() => connection.close());

describe("one message of a conversation", () => {
  beforeEach(() => restrict(false));

  it("is served as the chat shows it to a member who may see the conversation", async () => {
    actAs({ userId: ana.userId, workspaceId, role: "agent" });
    const response = await get(anas.conversationId, anas.messageId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: anas.messageId, direction: "inbound", text: expect.stringMatching(/^olá/), status: "received" });
  });

  it("is not found for another workspace's conversation, even under a conversation id of one's own", async () => {
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    const response = await get(foreign.conversationId, foreign.messageId);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found:conversation" });
    expect((await get(anas.conversationId, foreign.messageId)).status).toBe(404);
  });

  it("is not found when the message belongs to another conversation than the one named", async () => {
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    const response = await get(anas.conversationId, brunos.messageId);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found:message" });
  });

  it("is not found for a reaction row (it shows on its target) or a forged id", async () => {
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    expect((await get(anas.conversationId, anas.reactionId)).status).toBe(404);
    expect((await get(anas.conversationId, "not-a-uuid")).status).toBe(404);
    expect((await get("not-a-uuid", anas.messageId)).status).toBe(404);
  });

  it("is not found for an agent when chats are restricted and the conversation is a colleague's; an admin still sees it", async () => {
    await restrict(true);
    actAs({ userId: ana.userId, workspaceId, role: "agent" });
    expect((await get(brunos.conversationId, brunos.messageId)).status).toBe(404);
    expect((await get(anas.conversationId, anas.messageId)).status).toBe(200);
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    expect((await get(brunos.conversationId, brunos.messageId)).status).toBe(200);
  });

  it("answers 401 without a session", async () => {
    actAs(null);
    const response = await get(anas.conversationId, anas.messageId);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized:session" });
  });
});
