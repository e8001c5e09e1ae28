import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { callWebhook, type PagesApiModule } from "../support/webhook-endpoint";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { saveChannel } from "@/lib/whatsapp/channel";
import whatsappWebhook from "@/pages/api/whatsapp/webhook";
import { flushAfter } from "../support/after-queue";
import { createWorkspace } from "../support/factories";
import { useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { fixture, signedRequest, textMessage, webhookBody } from "../support/webhook";

const published = vi.hoisted(() => [] as { name: string; channel: string; data: Record<string, unknown> }[]);
vi.mock("@/lib/realtime/publish", () => ({
  publish: vi.fn(async (events: typeof published) => void published.push(...events)),
}));

const DEMO_NUMBER = "100000000000001";
const OTHER_NUMBER = "100000000000777";
let connection: DbConnection;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  otherWorkspaceId = (await createWorkspace(connection.db)).id;
  const channel = { wabaId: "2000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t" };
  await saveChannel(connection.db, workspaceId, { ...channel, phoneNumberId: DEMO_NUMBER });
  await saveChannel(connection.db, otherWorkspaceId, { ...channel, phoneNumberId: OTHER_NUMBER });
});
afterAll(() => connection.close());
beforeEach(() => {
  published.length = 0;
});

const db = () => connection.db;
const post = async (body: unknown, options?: Parameters<typeof signedRequest>[1]) => {
  const response = await callWebhook(signedRequest(body, options));
  await flushAfter();
  return response;
};
const messagesOf = (wamid: string) => db().select().from(messages).where(eq(messages.wamid, wamid));
const conversationOf = async (ws: string, waId: string) => {
  const [row] = await db()
    .select({ conversation: conversations, contact: contacts })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.workspaceId, ws), eq(contacts.waId, waId)));
  return row;
};

describe("GET verification handshake", () => {
  const url = (token: string) => `http://localhost/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
  it("echoes the challenge when the verify token matches", async () => {
    const response = await callWebhook(new Request(url("dev-verify-token")));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("1158201444");
  });
  it("answers 403 to another token", async () => {
    expect((await callWebhook(new Request(url("guess")))).status).toBe(403);
  });
});

describe("POST refusals", () => {
  it("refuses a missing or wrong signature with 401 and stores nothing", async () => {
    const body = webhookBody(DEMO_NUMBER, { messages: [textMessage("5511900000100", "wamid.unsigned", "hi")] });
    expect((await post(body, { signature: null })).status).toBe(401);
    expect((await post(body, { secret: "another-secret" })).status).toBe(401);
    expect(await messagesOf("wamid.unsigned")).toHaveLength(0);
  });

  it("refuses a body over 3 MB with 413, signed or not", async () => {
    const huge = "x".repeat(3 * 1024 * 1024 + 1);
    expect((await post(huge)).status).toBe(413);
  });

  it("refuses a chunked body that grows past 3 MB without announcing its length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request("http://localhost/api/whatsapp/webhook", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    const response = await callWebhook(request, { chunked: true });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "payload_too_large" });
  });

  it("answers 405 with the allowed methods to anything but GET and POST", async () => {
    const response = await callWebhook(new Request("http://localhost/api/whatsapp/webhook", { method: "PUT", body: "{}" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    expect((await post("not json")).status).toBe(400);
  });

  it("acknowledges and ignores an unknown phone number id", async () => {
    const body = webhookBody("999999999", { messages: [textMessage("5511900000101", "wamid.unknown-number", "hi")] });
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await messagesOf("wamid.unknown-number")).toHaveLength(0);
  });
});

describe("the route's module as Next.js reads it", () => {
  it("keeps Next.js's body parser off: with it on, the raw bytes are gone and a signed delivery is refused", async () => {
    const body = webhookBody(DEMO_NUMBER, { messages: [textMessage("5511900000102", "wamid.body-parser", "hi")] });
    // The same handler without `config`: Next.js's default parses the JSON before the handler runs.
    const parsing: PagesApiModule = { default: whatsappWebhook };
    const refused = await callWebhook(signedRequest(body), { routeModule: parsing });
    await flushAfter();
    expect(refused.status).toBe(401);
    expect(await messagesOf("wamid.body-parser")).toHaveLength(0);
    expect((await post(body)).status).toBe(200);
    expect(await messagesOf("wamid.body-parser")).toHaveLength(1);
  });
});

describe("storing messages", () => {
  it("stores a text message with its contact and an open conversation, then publishes after the answer", async () => {
    const response = await post(fixture("text-message.json"));
    expect(response.status).toBe(200);
    // A bare 200: Meta reads only the status.
    expect(await response.text()).toBe("");
    const row = await conversationOf(workspaceId, "5511987654321");
    expect(row!.contact.profileName).toBe("Maria Souza");
    expect(row!.conversation).toMatchObject({ status: "open", unreadCount: 1, lastMessagePreview: "Olá! Quanto custa o plano anual?", lastMessageDirection: "inbound" });
    const [message] = await messagesOf("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEM3RjE0QjM0QkRFQkE1AA==");
    expect(message).toMatchObject({ direction: "inbound", sender: "customer", type: "text", status: "received" });
    expect(published.map((e) => e.name).sort()).toEqual(["conversation.updated", "message.created"]);
    expect(published.every((e) => e.channel === `private-workspace-${workspaceId}`)).toBe(true);
  });

  it("stores a redelivered message once", async () => {
    const body = fixture("media-batch.json");
    await post(body);
    await post(body);
    const row = await conversationOf(workspaceId, "5521912345678");
    const stored = await db().select().from(messages).where(eq(messages.conversationId, row!.conversation.id)).orderBy(messages.sentAt);
    expect(stored.map((m) => m.type)).toEqual(["image", "document", "location"]);
    expect(row!.conversation.unreadCount).toBe(3);
  });

  it("stores concurrent duplicate deliveries once", async () => {
    const body = webhookBody(DEMO_NUMBER, { messages: [textMessage("5511900000200", "wamid.concurrent", "same")] });
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(body)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await messagesOf("wamid.concurrent")).toHaveLength(1);
    expect((await conversationOf(workspaceId, "5511900000200"))!.conversation.unreadCount).toBe(1);
  });

  it("routes each event to the workspace owning its number", async () => {
    await post(webhookBody(OTHER_NUMBER, { messages: [textMessage("5511900000300", "wamid.other-ws", "hello B")] }));
    expect(await conversationOf(otherWorkspaceId, "5511900000300")).toBeTruthy();
    expect(await conversationOf(workspaceId, "5511900000300")).toBeUndefined();
  });

  it("reopens a resolved conversation and keeps the newest message as its preview when older ones arrive late", async () => {
    const waId = "5511900000400";
    await post(webhookBody(DEMO_NUMBER, { messages: [textMessage(waId, "wamid.r1", "first", 1764000000)] }));
    const { conversation } = (await conversationOf(workspaceId, waId))!;
    await db().update(conversations).set({ status: "resolved", resolvedAt: new Date() }).where(eq(conversations.id, conversation.id));
    await post(webhookBody(DEMO_NUMBER, { messages: [textMessage(waId, "wamid.r3", "third", 1764000300)] }));
    await post(webhookBody(DEMO_NUMBER, { messages: [textMessage(waId, "wamid.r2", "second, late", 1764000200)] }));
    const after = (await conversationOf(workspaceId, waId))!.conversation;
    expect(after).toMatchObject({ status: "open", resolvedAt: null, lastMessagePreview: "third", unreadCount: 3 });
    expect(after.lastInboundAt?.getTime()).toBe(1764000300 * 1000);
  });

  it("keeps a profile name fresh and never erases it", async () => {
    const waId = "5511900000500";
    await post(webhookBody(DEMO_NUMBER, { contacts: [{ wa_id: waId, profile: { name: "Old" } }], messages: [textMessage(waId, "wamid.p1", "a")] }));
    await post(webhookBody(DEMO_NUMBER, { contacts: [{ wa_id: waId, profile: { name: "New" } }], messages: [textMessage(waId, "wamid.p2", "b")] }));
    await post(webhookBody(DEMO_NUMBER, { messages: [textMessage(waId, "wamid.p3", "c")] }));
    expect((await conversationOf(workspaceId, waId))!.contact.profileName).toBe("New");
  });

  it("shows a reaction on the message it reacts to, stores button replies and unsupported types", async () => {
    const waId = "5511987654321";
    const { conversation } = (await conversationOf(workspaceId, waId))!;
    await db().insert(messages).values({
      workspaceId, conversationId: conversation.id, wamid: "wamid.OUTBOUNDMENU000000000000000000000000000001",
      direction: "outbound", sender: "agent", type: "text", text: "Qual plano?", status: "sent", sentAt: new Date(1764000290 * 1000),
    });
    await post(fixture("interactive-and-reaction.json"));
    const [target] = await messagesOf("wamid.OUTBOUNDMENU000000000000000000000000000001");
    expect(target!.reactionEmoji).toBe("👍");
    const stored = await db().select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored.find((m) => m.type === "interactive")).toMatchObject({ text: "Plano anual", replyToWamid: target!.wamid });
    expect(stored.find((m) => m.type === "unsupported")).toMatchObject({ error: { code: 131051 } });
    expect(published).toContainEqual(expect.objectContaining({ name: "message.updated", data: expect.objectContaining({ messageId: target!.id }) }));
  });
});

describe("delivery statuses", () => {
  it("move outbound messages forward only, and record a failure's error in words", async () => {
    const { conversation } = (await conversationOf(workspaceId, "5511987654321"))!;
    await db().insert(messages).values({
      workspaceId, conversationId: conversation.id, wamid: "wamid.OUTBOUNDFAILED0000000000000000000000000002",
      direction: "outbound", sender: "agent", type: "text", text: "Oi", status: "sent", sentAt: new Date(),
    });
    const statuses = fixture("statuses.json") as ReturnType<typeof webhookBody>;
    await post(statuses);
    const [menu] = await messagesOf("wamid.OUTBOUNDMENU000000000000000000000000000001");
    expect(menu!.status).toBe("read");
    const [failed] = await messagesOf("wamid.OUTBOUNDFAILED0000000000000000000000000002");
    expect(failed).toMatchObject({ status: "failed", error: { code: 131047, title: "Re-engagement message", details: expect.stringContaining("24 hours") } });

    // A late "delivered" never moves "read" back.
    await post(webhookBody(DEMO_NUMBER, { statuses: [{ id: menu!.wamid, status: "delivered", timestamp: "1764000400", recipient_id: "5511987654321" }] }));
    expect((await messagesOf(menu!.wamid!))[0]!.status).toBe("read");
  });

  it("cannot touch another workspace's message", async () => {
    await post(webhookBody(OTHER_NUMBER, { statuses: [{ id: "wamid.OUTBOUNDFAILED0000000000000000000000000002", status: "read", timestamp: "1764000500" }] }));
    expect((await messagesOf("wamid.OUTBOUNDFAILED0000000000000000000000000002"))[0]!.status).toBe("failed");
  });
});

describe("a database failure", () => {
  it("answers 5xx, keeps earlier messages, leaves no half-stored message, and the redelivery completes the batch", async () => {
    const waId = "5511900000600";
    await db().execute(sql`create function fail_on_boom() returns trigger language plpgsql as $$
      begin if new.text = 'boom' then raise exception 'simulated failure'; end if; return new; end $$`);
    await db().execute(sql`create trigger fail_on_boom before insert on messages for each row execute function fail_on_boom()`);
    const body = webhookBody(DEMO_NUMBER, {
      messages: [textMessage(waId, "wamid.f1", "one", 1764001000), textMessage(waId, "wamid.f2", "boom", 1764001001), textMessage(waId, "wamid.f3", "three", 1764001002)],
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await post(body)).status).toBe(500);
    errors.mockRestore();
    expect(await messagesOf("wamid.f1")).toHaveLength(1);
    expect(await messagesOf("wamid.f2")).toHaveLength(0);
    expect((await conversationOf(workspaceId, waId))!.conversation.unreadCount).toBe(1);

    // The fault clears; Meta resends the same bytes.
    await db().execute(sql`drop trigger fail_on_boom on messages`);
    expect((await post(body)).status).toBe(200);
    const { conversation } = (await conversationOf(workspaceId, waId))!;
    const stored = await db().select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored.map((m) => m.wamid).sort()).toEqual(["wamid.f1", "wamid.f2", "wamid.f3"]);
    expect(conversation.unreadCount).toBe(3);
  });
});

describe("a burst from a new customer", () => {
  it("stores every concurrent first message in one conversation, answering 200 to each", async () => {
    const waId = "5511900000700";
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callWebhook(signedRequest(webhookBody(DEMO_NUMBER, { messages: [textMessage(waId, `wamid.burst.${i}`, `msg ${i}`)] })))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const { conversation } = (await conversationOf(workspaceId, waId))!;
    expect(await db().select().from(messages).where(eq(messages.conversationId, conversation.id))).toHaveLength(10);
    expect(conversation.unreadCount).toBe(10);
  });
});
