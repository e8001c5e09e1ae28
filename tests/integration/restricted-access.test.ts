import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { markConversationReadAction, resolveConversationAction, sendMessageAction } from "@/app/(dashboard)/inbox/actions";
import { GET as getConversation } from "@/app/api/inbox/conversations/[conversationId]/route";
import { GET as getMessages } from "@/app/api/inbox/conversations/[conversationId]/messages/route";
import { GET as listConversations } from "@/app/api/inbox/conversations/route";
import { GET as getMedia } from "@/app/api/media/[messageId]/route";
import { POST as pusherAuth } from "@/app/api/pusher/auth/route";
import { callWebhook } from "../support/webhook-endpoint";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { publish } from "@/lib/realtime/publish";
import { adminsChannel, userChannel, workspaceChannel } from "@/lib/realtime/events";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { saveChannel } from "@/lib/whatsapp/channel";
import { flushAfter } from "../support/after-queue";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { signedRequest, textMessage, webhookBody } from "../support/webhook";

vi.mock("@/lib/realtime/publish", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/realtime/publish")>()),
  publish: vi.fn(async () => {}),
}));

/** With "Restrict chat access to assigned agents" on, an agent reaches only their own chats, everywhere. */
let connection: DbConnection;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof createMember>>;
let ana: Awaited<ReturnType<typeof createMember>>;
let bruno: Awaited<ReturnType<typeof createMember>>;
const chats: Record<"ana" | "bruno" | "nobody", { conversationId: string; messageId: string; waId: string }> = {} as never;
const PHONE = "100000000000555";

async function chat(name: keyof typeof chats, assignee: string | null, n: number) {
  const waId = `551198888000${n}`;
  const [contact] = await connection.db.insert(contacts).values({ workspaceId, waId, profileName: `Cliente ${name}` }).returning();
  const [conversation] = await connection.db
    .insert(conversations)
    .values({ workspaceId, contactId: contact!.id, assignedUserId: assignee, lastInboundAt: new Date(), lastMessagePreview: "oi" })
    .returning();
  const [message] = await connection.db
    .insert(messages)
    .values({
      workspaceId, conversationId: conversation!.id, wamid: `wamid.restricted.${n}`, direction: "inbound", sender: "customer",
      type: "image", media: { id: `media-${n}`, mimeType: "image/png" }, status: "received", sentAt: new Date(),
    })
    .returning();
  chats[name] = { conversationId: conversation!.id, messageId: message!.id, waId };
}

const json = async (response: Response) => ({ status: response.status, body: await response.json().catch(() => null) });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  admin = await createMember(connection.db, { workspaceId, role: "admin" });
  ana = await createMember(connection.db, { workspaceId, role: "agent" });
  bruno = await createMember(connection.db, { workspaceId, role: "agent" });
  await saveChannel(connection.db, workspaceId, { phoneNumberId: PHONE, wabaId: "1000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t" });
  await chat("ana", ana.userId, 1);
  await chat("bruno", bruno.userId, 2);
  await chat("nobody", null, 3);
  await saveSettings(connection.db, workspaceId, supportAgentSection, { restrictToAssigned: true, autoAssign: false, method: "round_robin" }, null);
});
afterAll(() => connection.close());

describe("an agent, when chats are restricted", () => {
  const asAna = () => actAs({ userId: ana.userId, workspaceId, role: "agent" });

  it("lists only their own chats, and the unassigned queue is empty for them", async () => {
    asAna();
    const all = await json(await listConversations(new Request("http://x/api/inbox/conversations?status=all"), undefined as never));
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([chats.ana.conversationId]);
    const unassigned = await json(await listConversations(new Request("http://x/api/inbox/conversations?status=all&scope=unassigned"), undefined as never));
    expect(unassigned.body.items).toEqual([]);
  });

  it("gets 404 for a colleague's chat and an unassigned one, through every route", async () => {
    asAna();
    for (const other of [chats.bruno, chats.nobody]) {
      expect((await getConversation(new Request("http://x"), params({ conversationId: other.conversationId }))).status).toBe(404);
      expect((await getMessages(new Request("http://x"), params({ conversationId: other.conversationId }))).status).toBe(404);
      expect((await getMedia(new Request("http://x"), params({ messageId: other.messageId }))).status).toBe(404);
    }
    expect((await getConversation(new Request("http://x"), params({ conversationId: chats.ana.conversationId }))).status).toBe(200);
  });

  it("is refused every action on a colleague's chat with not found", async () => {
    asAna();
    const id = chats.bruno.conversationId;
    expect(await sendMessageAction({ conversationId: id, text: "oi" })).toMatchObject({ ok: false, code: "not_found:conversation" });
    expect(await resolveConversationAction({ conversationId: id })).toMatchObject({ ok: false, code: "not_found:conversation" });
    expect(await markConversationReadAction({ conversationId: id })).toMatchObject({ ok: false, code: "not_found:conversation" });
  });

  it("cannot subscribe to the admins' channel, where the other chats' events go", async () => {
    asAna();
    const auth = (channel: string) =>
      pusherAuth(
        new Request("http://x/api/pusher/auth", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ socket_id: "123.456", channel_name: channel }),
        }),
        undefined as never,
      );
    expect((await auth(adminsChannel(workspaceId))).status).toBe(403);
    expect((await auth(userChannel(ana.userId))).status).toBe(200);
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    expect((await auth(adminsChannel(workspaceId))).status).toBe(200);
  });

  it("is not told about a colleague's chat in real time: its events go to the admins and the assignee only", async () => {
    vi.mocked(publish).mockClear();
    const response = await callWebhook(signedRequest(webhookBody(PHONE, { messages: [textMessage(chats.bruno.waId, "wamid.restricted.live", "oi de novo")] })));
    expect(response.status).toBe(200);
    await flushAfter();
    const channels = vi.mocked(publish).mock.calls.flatMap(([events]) => events.map((e) => e.channel));
    expect(new Set(channels)).toEqual(new Set([adminsChannel(workspaceId), userChannel(bruno.userId)]));
    expect(channels).not.toContain(workspaceChannel(workspaceId));
  });
});

describe("an admin, when chats are restricted", () => {
  it("sees every chat", async () => {
    actAs({ userId: admin.userId, workspaceId, role: "admin" });
    const all = await json(await listConversations(new Request("http://x/api/inbox/conversations?status=all"), undefined as never));
    expect(all.body.items).toHaveLength(3);
  });
});

describe("when the restriction is off", () => {
  it("every agent sees every chat of the workspace", async () => {
    await saveSettings(connection.db, workspaceId, supportAgentSection, { restrictToAssigned: false, autoAssign: false, method: "round_robin" }, null);
    actAs({ userId: ana.userId, workspaceId, role: "agent" });
    const all = await json(await listConversations(new Request("http://x/api/inbox/conversations?status=all"), undefined as never));
    expect(all.body.items).toHaveLength(3);
    expect((await getConversation(new Request("http://x"), params({ conversationId: chats.bruno.conversationId }))).status).toBe(200);
  });
});
