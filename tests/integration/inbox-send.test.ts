import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  markConversationReadAction,
  reopenConversationAction,
  resolveConversationAction,
  retryMessageAction,
  sendMessageAction,
} from "@/app/(dashboard)/inbox/actions";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { listConversations } from "@/lib/inbox/queries";
import { publish } from "@/lib/realtime/publish";
import { saveChannel } from "@/lib/whatsapp/channel";
import { META_ERRORS, startGraphFake, type GraphFake } from "../fakes/graph-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
const published = vi.mocked(publish);

const TOKEN = "test-access-token-inbox-send";
const PHONE_NUMBER_ID = "100000000000001";
const HOUR = 60 * 60 * 1000;

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
let A: { id: string; agent: Awaited<ReturnType<typeof createMember>> & { workspaceId: string } };
let B: { id: string; agent: Awaited<ReturnType<typeof createMember>> & { workspaceId: string } };

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setPhoneNumber(PHONE_NUMBER_ID, { verified_name: "Loja Demo", display_phone_number: "+55 11 90000-0001" });
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  const a = (await createWorkspace(db, { name: "A" })).id;
  const b = (await createWorkspace(db, { name: "B" })).id;
  A = { id: a, agent: { ...(await createMember(db, { workspaceId: a, name: "Ana Agent" })), workspaceId: a } };
  B = { id: b, agent: { ...(await createMember(db, { workspaceId: b, name: "Bruno B" })), workspaceId: b } };
  await saveChannel(db, a, { phoneNumberId: PHONE_NUMBER_ID, wabaId: "200000000000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: TOKEN });
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

let waSeq = 0;
async function seedConversation(workspaceId: string, o: { lastInboundAt?: Date | null; unreadCount?: number } = {}) {
  const waId = `55119876${String(54_321 + ++waSeq).padStart(5, "0")}`;
  const [contact] = await db.insert(contacts).values({ workspaceId, waId, profileName: "Maria Souza" }).returning();
  const lastInboundAt = o.lastInboundAt === undefined ? new Date(Date.now() - HOUR) : o.lastInboundAt;
  const [conversation] = await db
    .insert(conversations)
    .values({
      workspaceId,
      contactId: contact!.id,
      unreadCount: o.unreadCount ?? 0,
      lastMessageAt: lastInboundAt ?? new Date(Date.now() - 48 * HOUR),
      lastMessagePreview: "Oi, meu pedido chegou?",
      lastMessageType: "text",
      lastMessageDirection: "inbound",
      lastInboundAt,
    })
    .returning();
  return { waId, conversation: conversation! };
}

const conversationRow = async (id: string) => (await db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const messagesOf = (conversationId: string) => db.select().from(messages).where(eq(messages.conversationId, conversationId));
const channelA = () => `private-workspace-${A.id}`;

describe("sending a text", () => {
  it("sends the trimmed text through WhatsApp, stores the wamid and updates the conversation", async () => {
    const { waId, conversation } = await seedConversation(A.id);
    const before = graph.requests.length;
    const result = await sendMessageAction({ conversationId: conversation.id, text: "  Olá, Maria! Seu pedido saiu hoje.  " });
    expect(result.ok).toBe(true);
    const message = result.ok ? result.data : null;
    expect(message).toMatchObject({
      direction: "outbound",
      sender: "agent",
      author: { id: A.agent.userId, name: "Ana Agent" },
      type: "text",
      text: "Olá, Maria! Seu pedido saiu hoje.",
      status: "sent",
      error: null,
      media: null,
      replyTo: null,
    });
    expect(message!.wamid).toMatch(/^wamid\./);

    expect(graph.requests.length).toBe(before + 1);
    const request = graph.requests.at(-1)!;
    expect(request).toMatchObject({ method: "POST", path: `/v23.0/${PHONE_NUMBER_ID}/messages` });
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "text",
      text: { body: "Olá, Maria! Seu pedido saiu hoje.", preview_url: false },
    });

    const [row] = await messagesOf(conversation.id);
    expect(row).toMatchObject({ id: message!.id, wamid: message!.wamid, status: "sent", authorUserId: A.agent.userId, error: null });
    expect(await conversationRow(conversation.id)).toMatchObject({
      lastMessageAt: row!.sentAt,
      lastMessagePreview: "Olá, Maria! Seu pedido saiu hoje.",
      lastMessageType: "text",
      lastMessageDirection: "outbound",
      lastMessageSender: "agent",
      lastMessageAuthorId: A.agent.userId,
    });
    // The list names who wrote it, so another member's list can say "Ana:" rather than "You:".
    const [listed] = (await listConversations(db, { workspaceId: A.id, viewerUserId: A.agent.userId, filter: { scope: "all", status: "all" } })).items.filter(
      (item) => item.id === conversation.id,
    );
    expect(listed!.lastMessageAuthor).toEqual({ kind: "agent", userId: A.agent.userId, name: "Ana Agent" });

    expect(published.mock.calls.flat(2)).toEqual([
      {
        channel: channelA(),
        name: "message.created",
        data: { conversationId: conversation.id, messageId: message!.id, direction: "outbound", sender: "agent", authorUserId: A.agent.userId },
      },
      { channel: channelA(), name: "conversation.updated", data: { conversationId: conversation.id } },
      { channel: channelA(), name: "message.updated", data: { conversationId: conversation.id, messageId: message!.id, status: "sent" } },
    ]);
  });

  it("refuses outside the 24-hour window, or when the customer never wrote, and sends and stores nothing", async () => {
    for (const lastInboundAt of [new Date(Date.now() - 24 * HOUR - 60_000), null]) {
      const { conversation } = await seedConversation(A.id, { lastInboundAt });
      const before = graph.requests.length;
      expect(await sendMessageAction({ conversationId: conversation.id, text: "Oi?" })).toEqual({
        ok: false,
        code: "conflict:window",
        error: "The 24-hour window is closed: the customer has not written in the last 24 hours, so WhatsApp only accepts template messages.",
      });
      expect(await messagesOf(conversation.id)).toEqual([]);
      expect((await conversationRow(conversation.id)).lastMessageDirection).toBe("inbound");
      expect(graph.requests.length).toBe(before);
    }
    expect(published).not.toHaveBeenCalled();
  });

  it("refuses an empty or too long text with a field error", async () => {
    const { conversation } = await seedConversation(A.id);
    expect(await sendMessageAction({ conversationId: conversation.id, text: "   " })).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { text: "Type a message." },
    });
    expect(await sendMessageAction({ conversationId: conversation.id, text: "a".repeat(4097) })).toMatchObject({
      ok: false,
      fieldErrors: { text: "A WhatsApp message can have at most 4,096 characters." },
    });
    expect(await messagesOf(conversation.id)).toEqual([]);
  });

  it("stores Meta's refusal as a failed message with Meta's code and no sentence (the chat words it in the reader's language), then a retry sends the same message", async () => {
    const { conversation } = await seedConversation(A.id);
    graph.failMessages(META_ERRORS.reengagement);
    const failed = await sendMessageAction({ conversationId: conversation.id, text: "Ainda tem interesse?" });
    expect(failed).toMatchObject({ ok: true, data: { status: "failed", wamid: null } });
    expect(failed.ok && failed.data.error).toEqual({ code: 131047 });
    const messageId = failed.ok ? failed.data.id : "";
    expect((await messagesOf(conversation.id))[0]!.error).toEqual({ code: 131047 });
    expect(published.mock.calls.flat(2).at(-1)).toEqual({
      channel: channelA(),
      name: "message.updated",
      data: { conversationId: conversation.id, messageId, status: "failed" },
    });

    graph.failMessages(null);
    published.mockClear();
    const retried = await retryMessageAction({ messageId });
    expect(retried).toMatchObject({ ok: true, data: { id: messageId, status: "sent", error: null, text: "Ainda tem interesse?" } });
    expect(retried.ok && retried.data.wamid).toMatch(/^wamid\./);
    expect(graph.requests.at(-1)!.body).toMatchObject({ text: { body: "Ainda tem interesse?", preview_url: false } });
    const rows = await messagesOf(conversation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", error: null });
    expect(published.mock.calls.flat(2).map((e) => [e.name, (e.data as { status?: string }).status])).toEqual([
      ["message.updated", "pending"],
      ["message.updated", "sent"],
    ]);

    // A message that did not fail is not sent again.
    const again = await retryMessageAction({ messageId });
    expect(again).toMatchObject({ ok: false, code: "conflict:message", error: "Only a message that failed can be sent again." });
  });

  it("keeps a delivery status a webhook stored before WhatsApp's answer reached us", async () => {
    const { conversation } = await seedConversation(A.id);
    graph.beforeMessageReply(async () => {
      await db.update(messages).set({ status: "delivered" }).where(eq(messages.conversationId, conversation.id));
    });
    try {
      const result = await sendMessageAction({ conversationId: conversation.id, text: "Chegou?" });
      expect(result).toMatchObject({ ok: true, data: { status: "delivered" } });
      expect(result.ok && result.data.wamid).toMatch(/^wamid\./);
    } finally {
      graph.beforeMessageReply(null);
    }
  });

  it("stores an invalid-token refusal as Meta's code 190, not Meta's English message", async () => {
    const { conversation } = await seedConversation(A.id);
    graph.failMessages(META_ERRORS.invalidToken);
    const result = await sendMessageAction({ conversationId: conversation.id, text: "Olá" });
    expect(result).toMatchObject({ ok: true, data: { status: "failed" } });
    expect(result.ok && result.data.error).toEqual({ code: 190 });
    expect((await messagesOf(conversation.id))[0]!.error).toEqual({ code: 190 });
  });

  it("stores a WhatsApp it cannot reach as the reason network, not an English sentence", async () => {
    const { conversation } = await seedConversation(A.id);
    // Nothing listens on port 9 of loopback (discard): the connection is refused at once.
    process.env.WHATSAPP_GRAPH_URL = "http://127.0.0.1:9/v23.0";
    resetEnvCache();
    try {
      const result = await sendMessageAction({ conversationId: conversation.id, text: "Olá" });
      expect(result).toMatchObject({ ok: true, data: { status: "failed" } });
      expect(result.ok && result.data.error).toEqual({ reason: "network" });
      expect((await messagesOf(conversation.id))[0]!.error).toEqual({ reason: "network" });
    } finally {
      process.env.WHATSAPP_GRAPH_URL = graph.url;
      resetEnvCache();
    }
  });

  it("refuses a workspace without a connected channel before storing anything", async () => {
    const ws = (await createWorkspace(db)).id;
    const member = { ...(await createMember(db, { workspaceId: ws })), workspaceId: ws };
    const { conversation } = await seedConversation(ws);
    actAs(member);
    expect(await sendMessageAction({ conversationId: conversation.id, text: "Olá" })).toMatchObject({ ok: false, code: "conflict:channel" });
    expect(await messagesOf(conversation.id)).toEqual([]);
  });
});

describe("resolving and reopening", () => {
  it("resolves with a timestamp, reopens clearing it, and tells the workspace each time", async () => {
    const { conversation } = await seedConversation(A.id);
    const resolved = await resolveConversationAction({ conversationId: conversation.id });
    expect(resolved).toMatchObject({ ok: true, data: { id: conversation.id, status: "resolved" } });
    const row = await conversationRow(conversation.id);
    expect(row.status).toBe("resolved");
    expect(row.resolvedAt).toBeInstanceOf(Date);
    expect(published).toHaveBeenLastCalledWith([{ channel: channelA(), name: "conversation.updated", data: { conversationId: conversation.id } }]);

    expect(await reopenConversationAction({ conversationId: conversation.id })).toMatchObject({ ok: true, data: { status: "open" } });
    expect(await conversationRow(conversation.id)).toMatchObject({ status: "open", resolvedAt: null });
    expect(published).toHaveBeenCalledTimes(2);
  });
});

describe("an agent of another workspace", () => {
  it("gets not found for send, retry, resolve, reopen and read, and nothing changes", async () => {
    const { conversation } = await seedConversation(A.id, { unreadCount: 2 });
    graph.failMessages(META_ERRORS.reengagement);
    const failed = await sendMessageAction({ conversationId: conversation.id, text: "Olá" });
    const messageId = failed.ok ? failed.data.id : "";
    graph.failMessages(null);
    const conversationBefore = await conversationRow(conversation.id);
    const messagesBefore = await messagesOf(conversation.id);
    const requestsBefore = graph.requests.length;
    published.mockClear();

    actAs(B.agent);
    const notFound = { ok: false, error: "Not found, or you don't have access to it." };
    expect(await sendMessageAction({ conversationId: conversation.id, text: "Oi" })).toMatchObject({ ...notFound, code: "not_found:conversation" });
    expect(await retryMessageAction({ messageId })).toMatchObject({ ...notFound, code: "not_found:message" });
    expect(await resolveConversationAction({ conversationId: conversation.id })).toMatchObject({ ...notFound, code: "not_found:conversation" });
    expect(await reopenConversationAction({ conversationId: conversation.id })).toMatchObject({ ...notFound, code: "not_found:conversation" });
    expect(await markConversationReadAction({ conversationId: conversation.id })).toMatchObject({ ...notFound, code: "not_found:conversation" });
    expect(await sendMessageAction({ conversationId: "not-a-uuid", text: "Oi" })).toMatchObject({ code: "not_found:conversation" });

    expect(await conversationRow(conversation.id)).toEqual(conversationBefore);
    expect(await messagesOf(conversation.id)).toEqual(messagesBefore);
    expect(graph.requests.length).toBe(requestsBefore);
    expect(published).not.toHaveBeenCalled();
  });

  it("refuses an anonymous caller", async () => {
    const { conversation } = await seedConversation(A.id);
    actAs(null);
    expect(await sendMessageAction({ conversationId: conversation.id, text: "Oi" })).toMatchObject({ ok: false, code: "unauthorized:session" });
    expect(await messagesOf(conversation.id)).toEqual([]);
  });
});
