import { eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { markConversationReadAction } from "@/app/(dashboard)/inbox/actions";
import { GET as listRoute } from "@/app/api/inbox/conversations/route";
import { GET as detailRoute } from "@/app/api/inbox/conversations/[conversationId]/route";
import { GET as messagesRoute } from "@/app/api/inbox/conversations/[conversationId]/messages/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { contacts, conversations, messages, whatsappChannels, type ConversationStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findVisibleConversation } from "@/lib/inbox/access";
import { CONVERSATIONS_PAGE, getConversationDetail, listConversations, listMessages, MESSAGES_PAGE } from "@/lib/inbox/queries";
import type { InboxFilter } from "@/lib/inbox/types";
import { publish } from "@/lib/realtime/publish";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
const published = vi.mocked(publish);

let connection: DbConnection;
let db: Db;
type Member = Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
});
afterAll(() => connection.close());
beforeEach(() => published.mockClear());

let waSeq = 0;
async function seedConversation(
  workspaceId: string,
  o: {
    waId?: string;
    name?: string | null;
    lastMessageAt?: Date | SQL;
    status?: ConversationStatus;
    assignedUserId?: string | null;
    unreadCount?: number;
    lastInboundAt?: Date | null;
  } = {},
) {
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId, waId: o.waId ?? `5511${String(900_000_000 + ++waSeq)}`, profileName: o.name ?? null })
    .returning();
  const [conversation] = await db
    .insert(conversations)
    .values({
      workspaceId,
      contactId: contact!.id,
      status: o.status ?? "open",
      resolvedAt: o.status === "resolved" ? new Date() : null,
      assignedUserId: o.assignedUserId ?? null,
      unreadCount: o.unreadCount ?? 0,
      lastMessageAt: o.lastMessageAt ?? new Date(),
      lastMessagePreview: "Oi",
      lastMessageType: "text",
      lastMessageDirection: "inbound",
      lastInboundAt: o.lastInboundAt ?? null,
    })
    .returning();
  return { contact: contact!, conversation: conversation! };
}

type MessageSeed = Partial<typeof messages.$inferInsert> & { text?: string | null };
async function seedMessage(conversation: { id: string; workspaceId: string }, o: MessageSeed = {}) {
  const [row] = await db
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      direction: "inbound",
      sender: "customer",
      type: "text",
      status: "received",
      sentAt: new Date(),
      ...o,
    })
    .returning();
  return row!;
}

async function fullList(workspaceId: string, viewer: string, filter: Partial<InboxFilter> = {}) {
  const result = await listConversations(db, {
    workspaceId,
    viewerUserId: viewer,
    filter: { scope: "all", status: "all", limit: 100, ...filter },
  });
  return result.items;
}

describe("listConversations", () => {
  it("orders newest first and pages by cursor without duplicates or gaps, even across equal and sub-millisecond timestamps", async () => {
    const ws = (await createWorkspace(db)).id;
    const viewer = (await createMember(db, { workspaceId: ws })).userId;
    const times: (Date | SQL)[] = [
      new Date("2025-03-01T10:00:00Z"),
      sql`'2025-03-01T11:00:00.123456Z'::timestamptz`,
      sql`'2025-03-01T11:00:00.123456Z'::timestamptz`,
      sql`'2025-03-01T11:00:00.123456Z'::timestamptz`,
      sql`'2025-03-01T11:00:00.1234Z'::timestamptz`,
      sql`'2025-03-01T11:00:00.123Z'::timestamptz`,
      new Date("2025-03-01T09:00:00Z"),
      new Date("2025-03-01T12:00:00Z"),
    ];
    for (const lastMessageAt of times) await seedConversation(ws, { lastMessageAt });

    const expected = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.workspaceId, ws))
      .orderBy(sql`${conversations.lastMessageAt} desc, ${conversations.id} desc`);
    const all = await fullList(ws, viewer);
    expect(all.map((c) => c.id)).toEqual(expected.map((r) => r.id));
    expect(all[0]!.lastMessageAt).toBe("2025-03-01T12:00:00.000Z");

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations(db, { workspaceId: ws, viewerUserId: viewer, filter: { scope: "all", status: "all", limit: 2, cursor } });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(pages).toBe(4);
  });

  it("reads a page of 20 conversations, the newest, unless asked for another size", async () => {
    const ws = (await createWorkspace(db)).id;
    const viewer = (await createMember(db, { workspaceId: ws })).userId;
    for (let i = 0; i < 21; i++) await seedConversation(ws, { name: `c${i}`, lastMessageAt: new Date(Date.UTC(2025, 10, 24, 13, 0, i)) });
    const first = await listConversations(db, { workspaceId: ws, viewerUserId: viewer, filter: { scope: "all", status: "all" } });
    expect(CONVERSATIONS_PAGE).toBe(20);
    expect(first.items.map((c) => c.contact.name)).toEqual(Array.from({ length: 20 }, (_, i) => `c${20 - i}`));
    const rest = await listConversations(db, { workspaceId: ws, viewerUserId: viewer, filter: { scope: "all", status: "all", cursor: first.nextCursor! } });
    expect(rest.items.map((c) => c.contact.name)).toEqual(["c0"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("refuses a forged cursor as a bad request", async () => {
    const ws = (await createWorkspace(db)).id;
    const forged = Buffer.from("yesterday|1; drop table messages").toString("base64url");
    const attempt = listConversations(db, { workspaceId: ws, viewerUserId: ws, filter: { scope: "all", status: "all", cursor: forged } });
    await expect(attempt).rejects.toMatchObject({ code: "bad_request:cursor" });
  });

  it("filters by scope (all, mine, unassigned) and status, with contact and assignee joined", async () => {
    const ws = (await createWorkspace(db)).id;
    const agent = await createMember(db, { workspaceId: ws, name: "Ana Agent" });
    const admin = await createMember(db, { workspaceId: ws, role: "admin", name: "Alice Admin" });
    const t = (m: number) => new Date(Date.UTC(2025, 4, 1, 12, m));
    const mineOpen = await seedConversation(ws, { name: "Mine Open", assignedUserId: agent.userId, lastMessageAt: t(5) });
    const unassignedOpen = await seedConversation(ws, { name: "Nobody Open", lastMessageAt: t(4) });
    const mineResolved = await seedConversation(ws, { assignedUserId: agent.userId, status: "resolved", lastMessageAt: t(3) });
    const unassignedResolved = await seedConversation(ws, { status: "resolved", lastMessageAt: t(2) });
    const adminsOpen = await seedConversation(ws, { assignedUserId: admin.userId, lastMessageAt: t(1) });
    const ids = (items: { id: string }[]) => items.map((i) => i.id);

    expect(ids(await fullList(ws, agent.userId, { scope: "mine", status: "open" }))).toEqual([mineOpen.conversation.id]);
    expect(ids(await fullList(ws, agent.userId, { scope: "mine" }))).toEqual([mineOpen.conversation.id, mineResolved.conversation.id]);
    expect(ids(await fullList(ws, agent.userId, { scope: "unassigned", status: "open" }))).toEqual([unassignedOpen.conversation.id]);
    expect(ids(await fullList(ws, agent.userId, { scope: "unassigned", status: "resolved" }))).toEqual([unassignedResolved.conversation.id]);
    expect(ids(await fullList(ws, agent.userId, { status: "resolved" }))).toEqual([mineResolved.conversation.id, unassignedResolved.conversation.id]);
    expect(ids(await fullList(ws, agent.userId, { status: "open" }))).toEqual([
      mineOpen.conversation.id,
      unassignedOpen.conversation.id,
      adminsOpen.conversation.id,
    ]);
    expect(await fullList(ws, agent.userId)).toHaveLength(5);

    const [first] = await fullList(ws, agent.userId, { scope: "mine", status: "open" });
    expect(first).toEqual({
      id: mineOpen.conversation.id,
      status: "open",
      contact: { id: mineOpen.contact.id, waId: mineOpen.contact.waId, name: "Mine Open" },
      assignee: { id: agent.userId, name: "Ana Agent" },
      unreadCount: 0,
      lastMessageAt: t(5).toISOString(),
      lastMessagePreview: "Oi",
      lastMessageType: "text",
      lastMessageDirection: "inbound",
      lastMessageAuthor: null,
    });
    expect((await fullList(ws, agent.userId, { scope: "unassigned", status: "open" }))[0]!.assignee).toBeNull();
  });

  describe("search", () => {
    let ws: string;
    let viewer: string;
    let maria: string;
    let joao: string;
    let loja: string;
    let carlos: string;
    let otherWorkspaceMaria: string;

    beforeAll(async () => {
      ws = (await createWorkspace(db)).id;
      viewer = (await createMember(db, { workspaceId: ws })).userId;
      maria = (await seedConversation(ws, { name: "Maria Souza", waId: "5511987654321" })).conversation.id;
      joao = (await seedConversation(ws, { name: "João Lima", waId: "5521912345678" })).conversation.id;
      loja = (await seedConversation(ws, { name: "Loja 4242 (centro)", waId: "5541933330000" })).conversation.id;
      const c = await seedConversation(ws, { name: "Carlos", waId: "5531999990000" });
      carlos = c.conversation.id;
      await seedMessage(c.conversation, { text: "Quero saber do meu PEDIDO atrasado, número 4471" });
      await seedMessage(c.conversation, { type: "image", text: null, media: { id: "900000000000001", mimeType: "image/jpeg" } });

      // The same person and words in another workspace: never part of this workspace's results.
      const other = (await createWorkspace(db)).id;
      const o = await seedConversation(other, { name: "Maria Souza", waId: "5511987654321" });
      otherWorkspaceMaria = o.conversation.id;
      await seedMessage(o.conversation, { text: "pedido atrasado" });
    });

    const search = async (q: string) => (await fullList(ws, viewer, { search: q })).map((c) => c.id);

    it("finds a contact by part of the name, ignoring case", async () => {
      expect(await search("maria")).toEqual([maria]);
      expect(await search("MARIA sou")).toEqual([maria]);
      expect(await search("joão")).toEqual([joao]);
    });

    it("finds a contact by part of the number, whatever the formatting", async () => {
      expect(await search("98765-4321")).toEqual([maria]);
      expect(await search("+55 (21) 91234")).toEqual([joao]);
    });

    it("finds a name that holds the digits of a number-like query", async () => {
      expect(await search("4242")).toEqual([loja]);
      expect(await search("(centro)")).toEqual([loja]);
    });

    it("finds a conversation by words of its messages, prefixes included", async () => {
      expect(await search("atras")).toEqual([carlos]);
      expect(await search("pedido atrasado")).toEqual([carlos]);
      expect(await search("Pedido 4471")).toEqual([carlos]);
      expect(await search("pedido cancelado")).toEqual([]);
    });

    it("treats SQL and tsquery syntax in the query as plain text", async () => {
      expect(await search("'; drop table messages; --")).toEqual([]);
      expect(await search("pedido & !atras | (:*")).toEqual([carlos]);
      expect(await search("%")).toEqual([]);
      expect(await search("_")).toEqual([]);
      expect(await db.select({ id: messages.id }).from(messages).limit(1)).toHaveLength(1);
    });

    it("never lists another workspace's conversations", async () => {
      expect(await search("maria")).not.toContain(otherWorkspaceMaria);
      expect(await fullList(ws, viewer)).toHaveLength(4);
    });
  });

  describe("search past the newest 200 conversations", () => {
    it("finds a rare word only older conversations hold, newest first, and only in this workspace", async () => {
      const ws = (await createWorkspace(db)).id;
      const viewer = (await createMember(db, { workspaceId: ws })).userId;
      // 210 conversations a minute apart: the newest 200 are walked first, the rest only through the full-text index.
      const rows = await db.execute(sql`
        with c as (
          insert into contacts (workspace_id, wa_id, profile_name)
          select ${ws}, (5511800000000 + g)::text, 'Cliente ' || g from generate_series(1, 210) g returning id, wa_id)
        insert into conversations (workspace_id, contact_id, status, unread_count, last_message_at)
        select ${ws}, c.id, 'open', 0, now() - ((c.wa_id::bigint - 5511800000000) * interval '1 minute') from c
        returning id`);
      const ids = rowsOf<{ id: string }>(rows).map((row) => row.id);
      const byAge = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, ws)).orderBy(sql`${conversations.lastMessageAt} desc`);
      expect(byAge).toHaveLength(ids.length);
      const older = byAge[205]!.id;
      const oldest = byAge[209]!.id;
      await seedMessage({ id: oldest, workspaceId: ws }, { text: "quero o reembolso" });
      await seedMessage({ id: older, workspaceId: ws }, { text: "e o reembolso?" });
      const elsewhere = await seedConversation((await createWorkspace(db)).id);
      await seedMessage(elsewhere.conversation, { text: "reembolso" });

      expect((await fullList(ws, viewer, { search: "reembol" })).map((c) => c.id)).toEqual([older, oldest]);
      expect(await fullList(ws, viewer, { search: "cancelamento" })).toEqual([]);
    });
  });
});

describe("listMessages", () => {
  let ws: string;
  let agent: Member;
  let conversation: typeof conversations.$inferSelect;

  beforeAll(async () => {
    ws = (await createWorkspace(db)).id;
    agent = await createMember(db, { workspaceId: ws, name: "Ana Agent" });
    conversation = (await seedConversation(ws, { name: "Maria Souza", waId: "5511987654321" })).conversation;
  });

  it("returns newest first, leaves reactions out, shows them on their target, and resolves reply context", async () => {
    const at = (s: number) => new Date(Date.UTC(2025, 10, 24, 12, 0, s));
    const menu = await seedMessage(conversation, {
      wamid: "wamid.OUTBOUNDMENU000000000000000000000000000001",
      direction: "outbound",
      sender: "agent",
      authorUserId: agent.userId,
      text: "Escolha um plano",
      status: "read",
      reactionEmoji: "👍",
      sentAt: at(0),
    });
    const reply = await seedMessage(conversation, {
      wamid: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFklOVEVSQUNUSVZFMDAwMDAwMDAwMDAxAA==",
      type: "interactive",
      text: "Plano anual",
      payload: { type: "button_reply", button_reply: { id: "plan_annual", title: "Plano anual" } },
      replyToWamid: menu.wamid,
      sentAt: at(1),
    });
    await seedMessage(conversation, {
      wamid: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFlJFQUNUSU9OMDAwMDAwMDAwMDAwMDAxAA==",
      type: "reaction",
      payload: { message_id: menu.wamid, emoji: "👍" },
      sentAt: at(2),
    });
    const orphan = await seedMessage(conversation, { wamid: "wamid.ORPHANREPLY1", text: "E esse?", replyToWamid: "wamid.NEVERSTORED", sentAt: at(3) });
    // A message of another conversation with the quoted wamid is not this chat's context.
    const elsewhere = (await seedConversation(ws)).conversation;
    await seedMessage(elsewhere, { wamid: "wamid.ELSEWHERE1", text: "segredo de outra conversa", sentAt: at(0) });
    const crossReply = await seedMessage(conversation, { wamid: "wamid.CROSSREPLY1", text: "oi", replyToWamid: "wamid.ELSEWHERE1", sentAt: at(4) });
    const image = await seedMessage(conversation, {
      wamid: "wamid.IMAGE1",
      type: "image",
      text: "Foto do produto com defeito",
      media: { id: "900000000000001", mimeType: "image/jpeg", sha256: "3f8d" },
      sentAt: at(5),
    });

    const { items, nextCursor } = await listMessages(db, { ...agent, workspaceId: ws }, conversation.id);
    expect(nextCursor).toBeNull();
    expect(items.map((m) => m.id)).toEqual([image.id, crossReply.id, orphan.id, reply.id, menu.id]);
    expect(items.some((m) => m.type === "reaction")).toBe(false);

    const byId = new Map(items.map((m) => [m.id, m]));
    expect(byId.get(menu.id)).toMatchObject({ reactionEmoji: "👍", author: { id: agent.userId, name: "Ana Agent" }, replyTo: null, status: "read" });
    expect(byId.get(reply.id)).toMatchObject({
      author: null,
      payload: { type: "button_reply" },
      replyTo: { wamid: menu.wamid, messageId: menu.id, type: "text", text: "Escolha um plano" },
    });
    expect(byId.get(orphan.id)!.replyTo).toEqual({ wamid: "wamid.NEVERSTORED", messageId: null, type: null, text: null });
    expect(byId.get(crossReply.id)!.replyTo).toEqual({ wamid: "wamid.ELSEWHERE1", messageId: null, type: null, text: null });
    expect(byId.get(image.id)).toMatchObject({
      media: { id: "900000000000001", mimeType: "image/jpeg", url: `/api/media/${image.id}` },
      sentAt: at(5).toISOString(),
    });
  });

  it("pages by cursor through messages sharing one timestamp without duplicates or gaps", async () => {
    const c = (await seedConversation(ws)).conversation;
    const sentAt = new Date("2025-11-24T13:00:00Z");
    for (let i = 0; i < 5; i++) await seedMessage(c, { text: `m${i}`, sentAt });
    await seedMessage(c, { type: "reaction", sentAt });
    const expected = (await db.select({ id: messages.id, type: messages.type }).from(messages).where(eq(messages.conversationId, c.id)))
      .filter((m) => m.type !== "reaction")
      .map((m) => m.id)
      .sort()
      .reverse();
    const member = { ...agent, workspaceId: ws };
    const first = await listMessages(db, member, c.id, { limit: 2 });
    const second = await listMessages(db, member, c.id, { limit: 2, cursor: first.nextCursor! });
    const third = await listMessages(db, member, c.id, { limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((m) => m.id)).toEqual(expected);
    expect(third.nextCursor).toBeNull();
  });

  it("reads a page of 20 messages, the newest, unless asked for another size", async () => {
    const c = (await seedConversation(ws)).conversation;
    for (let i = 0; i < 21; i++) await seedMessage(c, { text: `m${i}`, sentAt: new Date(Date.UTC(2025, 10, 24, 13, 0, i)) });
    const member = { ...agent, workspaceId: ws };
    const first = await listMessages(db, member, c.id);
    expect(MESSAGES_PAGE).toBe(20);
    expect(first.items.map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${20 - i}`));
    const rest = await listMessages(db, member, c.id, { cursor: first.nextCursor! });
    expect(rest.items.map((m) => m.text)).toEqual(["m0"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("is not found for a member of another workspace or a malformed id", async () => {
    const strangerWs = (await createWorkspace(db)).id;
    const stranger = { ...(await createMember(db, { workspaceId: strangerWs })), workspaceId: strangerWs };
    await expect(listMessages(db, stranger, conversation.id)).rejects.toMatchObject({ code: "not_found:conversation" });
    await expect(listMessages(db, { ...agent, workspaceId: ws }, "not-a-uuid")).rejects.toBeInstanceOf(AppError);
  });
});

describe("getConversationDetail and access", () => {
  it("computes the 24-hour window from the last inbound message and names the channel", async () => {
    const ws = (await createWorkspace(db)).id;
    const member = { ...(await createMember(db, { workspaceId: ws })), workspaceId: ws };
    await db.insert(whatsappChannels).values({ workspaceId: ws, phoneNumberId: "100000000000077", wabaId: "1", displayPhoneNumber: "+55 11 90000-0077" });
    const lastInboundAt = new Date("2025-11-24T12:00:00Z");
    const { conversation } = await seedConversation(ws, { name: "Maria", lastInboundAt, unreadCount: 3 });
    const silent = (await seedConversation(ws)).conversation;

    expect(await getConversationDetail(db, member, conversation.id)).toMatchObject({
      id: conversation.id,
      unreadCount: 3,
      contact: { name: "Maria" },
      windowClosesAt: "2025-11-25T12:00:00.000Z",
      channel: { phoneNumberId: "100000000000077", displayPhoneNumber: "+55 11 90000-0077" },
    });
    expect((await getConversationDetail(db, member, silent.id)).windowClosesAt).toBeNull();
  });

  it("answers not found for another workspace's conversation and for malformed ids, never a database error", async () => {
    const ws = (await createWorkspace(db)).id;
    const { conversation } = await seedConversation(ws);
    const strangerWs = (await createWorkspace(db)).id;
    const stranger = { ...(await createMember(db, { workspaceId: strangerWs })), workspaceId: strangerWs };
    for (const id of [conversation.id, "1 or 1=1", "", "00000000-0000-0000-0000-000000000000"]) {
      await expect(findVisibleConversation(db, stranger, id)).rejects.toMatchObject({ code: "not_found:conversation" });
    }
    await expect(getConversationDetail(db, stranger, conversation.id)).rejects.toMatchObject({ code: "not_found:conversation" });
  });
});

describe("markConversationReadAction", () => {
  it("clears the unread count and tells the workspace", async () => {
    const ws = (await createWorkspace(db)).id;
    const agent = await createMember(db, { workspaceId: ws });
    const { conversation } = await seedConversation(ws, { unreadCount: 4 });
    actAs({ ...agent, workspaceId: ws });
    expect(await markConversationReadAction({ conversationId: conversation.id })).toEqual({ ok: true, data: undefined });
    const [row] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.unreadCount).toBe(0);
    expect(published).toHaveBeenCalledWith([
      { channel: `private-workspace-${ws}`, name: "conversation.updated", data: { conversationId: conversation.id } },
    ]);
  });
});

describe("inbox routes", () => {
  let ws: string;
  let agent: Member;
  let conversationId: string;
  const list = (query: string) => listRoute(new Request(`http://localhost/api/inbox/conversations${query}`), undefined);

  beforeAll(async () => {
    ws = (await createWorkspace(db)).id;
    agent = await createMember(db, { workspaceId: ws });
    const { conversation } = await seedConversation(ws, { name: "Rota", assignedUserId: agent.userId });
    conversationId = conversation.id;
    await seedMessage(conversation, { text: "olá" });
  });
  beforeEach(() => actAs({ ...agent, workspaceId: ws }));

  it("lists the member's conversations as JSON", async () => {
    const response = await list("?scope=mine&status=open&q=rota");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: [{ id: conversationId, contact: { name: "Rota" } }], nextCursor: null });
  });

  it("answers 400 for unknown filter values or a forged cursor", async () => {
    expect((await list("?scope=everyone")).status).toBe(400);
    expect((await list("?status=closed")).status).toBe(400);
    expect((await list("?limit=1000")).status).toBe(400);
    expect((await list(`?cursor=${Buffer.from("x|y").toString("base64url")}`)).status).toBe(400);
  });

  it("answers 401 without a session", async () => {
    actAs(null);
    const response = await list("");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized:session" });
  });

  it("serves detail and messages, and 404 for a member of another workspace", async () => {
    const params = Promise.resolve({ conversationId });
    const detail = await detailRoute(new Request("http://localhost/"), { params });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ id: conversationId, windowClosesAt: null });
    const page = await messagesRoute(new Request("http://localhost/?limit=10"), { params });
    expect((await page.json()).items).toHaveLength(1);

    const strangerWs = (await createWorkspace(db)).id;
    actAs({ ...(await createMember(db, { workspaceId: strangerWs })), workspaceId: strangerWs });
    expect((await detailRoute(new Request("http://localhost/"), { params })).status).toBe(404);
    expect((await messagesRoute(new Request("http://localhost/"), { params })).status).toBe(404);
  });
});
