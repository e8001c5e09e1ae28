import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { retryMessageAction } from "@/app/(dashboard)/inbox/actions";
import { POST as postMedia } from "@/app/api/inbox/conversations/[conversationId]/media/route";
import { GET as getMedia } from "@/app/api/media/[messageId]/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { MB } from "@/lib/inbox/media-limits";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { saveChannel } from "@/lib/whatsapp/channel";
import { GraphApiError } from "@/lib/whatsapp/graph-client";
import { uploadMediaStream } from "@/lib/whatsapp/media";
import { META_ERRORS, startGraphFake, type GraphFake } from "../fakes/graph-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
const published = vi.mocked(publish);

const TOKEN = "test-access-token-media-send";
const PHONE_A = "100000000000031";
const PHONE_B = "100000000000032";
const HOUR = 60 * 60 * 1000;

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
type Member = Awaited<ReturnType<typeof createMember>> & { workspaceId: string; role: "admin" | "agent" };
let A: { id: string; agent: Member; colleague: Member };
let B: { id: string; admin: Member };

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setPhoneNumber(PHONE_A, { verified_name: "Loja A" });
  graph.setPhoneNumber(PHONE_B, { verified_name: "Loja B" });
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  const a = (await createWorkspace(db, { name: "A" })).id;
  const b = (await createWorkspace(db, { name: "B" })).id;
  A = {
    id: a,
    agent: { ...(await createMember(db, { workspaceId: a, name: "Ana Agent" })), workspaceId: a, role: "agent" },
    colleague: { ...(await createMember(db, { workspaceId: a, name: "Caio Colega" })), workspaceId: a, role: "agent" },
  };
  B = { id: b, admin: { ...(await createMember(db, { workspaceId: b, role: "admin" })), workspaceId: b, role: "admin" } };
  await saveChannel(db, a, { phoneNumberId: PHONE_A, wabaId: "200000000000031", displayPhoneNumber: "+55 11 90000-0031", accessToken: TOKEN });
  await saveChannel(db, b, { phoneNumberId: PHONE_B, wabaId: "200000000000032", displayPhoneNumber: "+55 11 90000-0032", accessToken: TOKEN });
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
  graph.failUploads(null);
  actAs(A.agent);
});

let waSeq = 0;
async function seedConversation(workspaceId: string, o: { lastInboundAt?: Date | null; assignedUserId?: string } = {}) {
  const waId = `55119870${String(10_000 + ++waSeq).padStart(5, "0")}`;
  const [contact] = await db.insert(contacts).values({ workspaceId, waId, profileName: "Maria Souza" }).returning();
  const lastInboundAt = o.lastInboundAt === undefined ? new Date(Date.now() - HOUR) : o.lastInboundAt;
  const [conversation] = await db
    .insert(conversations)
    .values({ workspaceId, contactId: contact!.id, assignedUserId: o.assignedUserId ?? null, lastMessageAt: new Date(Date.now() - 2 * HOUR), lastInboundAt })
    .returning();
  return { waId, conversation: conversation! };
}

/** Bytes that start like the real format, so a file looks like itself. */
function fileBytes(size: number, head = "%PDF-1.4\n"): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  bytes.set(new TextEncoder().encode(head).subarray(0, size));
  return bytes;
}

/** A body that arrives in 64 KiB chunks, as a browser's upload does, never as one buffer. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + 65_536));
      at += 65_536;
    },
  });
}

type Upload = { conversationId: string; bytes: Uint8Array; type: string; name: string; caption?: string; announce?: number | null };
function upload(u: Upload) {
  const headers = new Headers({ "content-type": u.type, "x-file-name": encodeURIComponent(u.name) });
  if (u.caption !== undefined) headers.set("x-caption", encodeURIComponent(u.caption));
  const announced = u.announce === undefined ? u.bytes.byteLength : u.announce;
  if (announced !== null) headers.set("content-length", String(announced));
  const request = new Request(`http://localhost/api/inbox/conversations/${u.conversationId}/media`, {
    method: "POST",
    headers,
    body: streamOf(u.bytes),
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return postMedia(request, { params: Promise.resolve({ conversationId: u.conversationId }) });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const rowsOf = (conversationId: string) => db.select().from(messages).where(eq(messages.conversationId, conversationId));
const graphCallsSince = (before: number) => graph.requests.slice(before).map((r) => `${r.method} ${r.path}`);

describe("an agent sends a file", () => {
  const kinds = [
    { kind: "image", type: "image/png", name: "foto do produto.png", size: 300_000, caption: "Seu pedido embalado 📦" },
    { kind: "video", type: "video/mp4", name: "unboxing.mp4", size: 2 * MB, caption: "Como montar" },
    { kind: "audio", type: "audio/ogg", name: "recado.ogg", size: 90_000, caption: undefined },
    { kind: "document", type: "application/pdf", name: "nota fiscal (maio) ção.pdf", size: 1_500_000, caption: "Segue a nota fiscal" },
  ] as const;

  for (const k of kinds) {
    it(`uploads a ${k.kind} to Meta, sends it by its media id and stores it like an inbound ${k.kind}`, async () => {
      const { waId, conversation } = await seedConversation(A.id);
      const bytes = fileBytes(k.size);
      const before = graph.requests.length;
      const response = await upload({ conversationId: conversation.id, bytes, type: k.type, name: k.name, caption: k.caption });
      const message = await response.json();
      expect(response.status, JSON.stringify(message)).toBe(200);
      expect(message).toMatchObject({
        direction: "outbound",
        sender: "agent",
        author: { id: A.agent.userId, name: "Ana Agent" },
        type: k.kind,
        text: k.caption ?? null,
        status: "sent",
        error: null,
        media: { mimeType: k.type, filename: k.name, url: `/api/media/${message.id}` },
      });
      expect(message.wamid).toMatch(/^wamid\./);

      // One multipart upload (parsed by the fake), then one message by id: nothing else.
      const [uploaded, sent] = graph.requests.slice(before);
      expect(graphCallsSince(before)).toEqual([`POST /v23.0/${PHONE_A}/media`, `POST /v23.0/${PHONE_A}/messages`]);
      expect(uploaded!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(uploaded!.headers["content-length"]).toBeDefined();
      expect(uploaded!.headers["transfer-encoding"]).toBeUndefined();
      expect(uploaded!.body).toEqual({ messaging_product: "whatsapp", type: k.type, file: { filename: k.name, contentType: k.type, size: k.size } });
      const mediaId = message.media.id as string;
      expect(mediaId).toMatch(/^\d{15,16}$/);
      const object: Record<string, string> = { id: mediaId };
      if (k.caption) object.caption = k.caption;
      if (k.kind === "document") object.filename = k.name;
      expect(sent!.body).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: waId, type: k.kind, [k.kind]: object });

      // The media route serves our own file back by its media id, byte for byte.
      const served = await getMedia(new Request(`http://localhost/api/media/${message.id}`), { params: Promise.resolve({ messageId: message.id }) });
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe(k.type);
      // Compared by digest: a deep equality of megabytes of bytes takes vitest many seconds.
      expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(sha256(bytes));

      const [row] = await rowsOf(conversation.id);
      expect(row).toMatchObject({ type: k.kind, text: k.caption ?? null, media: { id: mediaId, mimeType: k.type, filename: k.name }, status: "sent" });
      const [updated] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
      expect(updated).toMatchObject({ lastMessageType: k.kind, lastMessageDirection: "outbound", lastMessageSender: "agent" });
      const preview: string | null = k.caption ?? null;
      expect(updated!.lastMessagePreview).toBe(preview ?? (k.kind === "document" ? k.name : null));
      // Like an agent's text: the assistant keeps out of the chat.
      expect(updated!.assistantPausedUntil!.getTime()).toBeGreaterThan(Date.now());
      // Other tabs saw it pending, then sent.
      const events = published.mock.calls.flatMap(([batch]) => batch.map((e) => e.name));
      expect(events).toEqual(expect.arrayContaining(["message.created", "conversation.updated", "message.updated"]));
    });
  }

  it("takes a file whose browser gave no type by its extension, and a name with any character", async () => {
    const { conversation } = await seedConversation(A.id);
    const response = await upload({ conversationId: conversation.id, bytes: fileBytes(2_000, "a;b\n"), type: "", name: "relatório \"final\" 😀.xlsx" });
    expect(response.status).toBe(200);
    expect((await response.json()).media).toMatchObject({ mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: "relatório \"final\" 😀.xlsx" });
    expect(graph.requests.at(-2)!.body).toMatchObject({ file: { filename: "relatório \"final\" 😀.xlsx" } });
  });
});

describe("refused before any byte reaches Meta", () => {
  const refusals = [
    { what: "an image over 5 MB", type: "image/jpeg", name: "grande.jpg", announce: 5 * MB + 1, status: 413, reason: "tooLarge", values: { kind: "image", maxMb: 5 } },
    { what: "a video over 16 MB", type: "video/mp4", name: "longo.mp4", announce: 16 * MB + 1, status: 413, reason: "tooLarge", values: { kind: "video", maxMb: 16 } },
    { what: "audio over 16 MB", type: "audio/mpeg", name: "longo.mp3", announce: 16 * MB + 1, status: 413, reason: "tooLarge", values: { kind: "audio", maxMb: 16 } },
    { what: "a document over 100 MB", type: "application/pdf", name: "enorme.pdf", announce: 100 * MB + 1, status: 413, reason: "tooLarge", values: { kind: "document", maxMb: 100 } },
    { what: "a GIF", type: "image/gif", name: "anim.gif", announce: 1_000, status: 415, reason: "unsupportedType", values: { mimeType: "image/gif" } },
    { what: "an executable named .pdf", type: "application/x-msdownload", name: "fatura.pdf", announce: 1_000, status: 415, reason: "unsupportedType", values: { mimeType: "application/x-msdownload" } },
    { what: "an empty file", type: "application/pdf", name: "vazio.pdf", announce: 0, status: 400, reason: "empty", values: {} },
    { what: "a name with NUL", type: "application/pdf", name: "a\u0000b.pdf", announce: 1_000, status: 400, reason: "badName", values: {} },
    { what: "a chunked body without a size", type: "application/pdf", name: "sem-tamanho.pdf", announce: null, status: 411, reason: "missingSize", values: {} },
  ] as const;

  for (const r of refusals) {
    it(`refuses ${r.what} with the limit named, calling nothing`, async () => {
      const { conversation } = await seedConversation(A.id);
      const before = graph.requests.length;
      // The body is small: the announced size alone decides, before anything is read.
      const response = await upload({ conversationId: conversation.id, bytes: fileBytes(1_000), type: r.type, name: r.name, announce: r.announce });
      expect(response.status).toBe(r.status);
      expect(await response.json()).toEqual({ error: "bad_request:media", reason: r.reason, values: r.values });
      expect(graph.requests.length).toBe(before);
      expect(await rowsOf(conversation.id)).toEqual([]);
    });
  }

  it("refuses a caption on audio and a caption over 1,024 characters", async () => {
    const { conversation } = await seedConversation(A.id);
    const before = graph.requests.length;
    const audio = await upload({ conversationId: conversation.id, bytes: fileBytes(1_000), type: "audio/aac", name: "a.aac", caption: "legenda" });
    expect(await audio.json()).toMatchObject({ reason: "captionNotAllowed" });
    const long = await upload({ conversationId: conversation.id, bytes: fileBytes(1_000), type: "image/png", name: "a.png", caption: "x".repeat(1_025) });
    expect(await long.json()).toMatchObject({ reason: "captionTooLong", values: { max: 1024 } });
    expect(graph.requests.length).toBe(before);
  });

  it("refuses when the 24-hour window is closed, or the customer never wrote", async () => {
    for (const lastInboundAt of [new Date(Date.now() - 25 * HOUR), null]) {
      const { conversation } = await seedConversation(A.id, { lastInboundAt });
      const before = graph.requests.length;
      const response = await upload({ conversationId: conversation.id, bytes: fileBytes(1_000), type: "application/pdf", name: "a.pdf" });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ error: "conflict:window" });
      expect(graph.requests.length).toBe(before);
      expect(await rowsOf(conversation.id)).toEqual([]);
    }
  });

  it("answers 404 for another workspace's chat, a chat the agent may not see, and a forged id; 401 anonymous", async () => {
    const foreign = await seedConversation(B.id);
    const colleagues = await seedConversation(A.id, { assignedUserId: A.colleague.userId });
    await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: true, autoAssign: false, method: "round_robin" }, null);
    try {
      const before = graph.requests.length;
      for (const conversationId of [foreign.conversation.id, colleagues.conversation.id, "not-a-uuid", "../../x"]) {
        const response = await upload({ conversationId, bytes: fileBytes(1_000), type: "application/pdf", name: "a.pdf" });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: "not_found:conversation" });
      }
      actAs(null);
      expect((await upload({ conversationId: colleagues.conversation.id, bytes: fileBytes(1_000), type: "application/pdf", name: "a.pdf" })).status).toBe(401);
      expect(graph.requests.length).toBe(before);
      expect(await rowsOf(foreign.conversation.id)).toEqual([]);
      expect(await rowsOf(colleagues.conversation.id)).toEqual([]);
      // The assignee may.
      actAs(A.colleague);
      expect((await upload({ conversationId: colleagues.conversation.id, bytes: fileBytes(1_000), type: "application/pdf", name: "a.pdf" })).status).toBe(200);
    } finally {
      await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: false, autoAssign: false, method: "round_robin" }, null);
    }
  });
});

describe("while streaming and at Meta", () => {
  it("stops a body longer than it announced, stores nothing", async () => {
    const { conversation } = await seedConversation(A.id);
    const response = await upload({ conversationId: conversation.id, bytes: fileBytes(300_000), type: "image/png", name: "a.png", announce: 200_000 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: "sizeMismatch" });
    expect(await rowsOf(conversation.id)).toEqual([]);
  });

  it("stops a body shorter than it announced, stores nothing", async () => {
    const { conversation } = await seedConversation(A.id);
    const response = await upload({ conversationId: conversation.id, bytes: fileBytes(100_000), type: "image/png", name: "a.png", announce: 200_000 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: "sizeMismatch" });
    expect(await rowsOf(conversation.id)).toEqual([]);
  });

  it("answers 502 with Meta's code when the upload is refused, stores nothing and sends no message", async () => {
    const { conversation } = await seedConversation(A.id);
    graph.failUploads(META_ERRORS.invalidToken);
    const before = graph.requests.length;
    const response = await upload({ conversationId: conversation.id, bytes: fileBytes(10_000), type: "application/pdf", name: "a.pdf" });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: "bad_gateway:media_upload", failure: { code: 190 } });
    expect(graphCallsSince(before)).toEqual([`POST /v23.0/${PHONE_A}/media`]);
    expect(await rowsOf(conversation.id)).toEqual([]);
  });

  it("the fake refuses as Meta does: a type Meta does not take (code 100) and a file over its type's limit (131053)", async () => {
    const call = (mimeType: string, size: number) =>
      uploadMediaStream({ accessToken: TOKEN, phoneNumberId: PHONE_A, body: streamOf(fileBytes(size)), size, mimeType, filename: "x" });
    await expect(call("image/gif", 100)).rejects.toMatchObject({ status: 400, code: 100, message: expect.stringContaining("Received file of type 'image/gif'") });
    await expect(call("image/jpeg", 5 * MB + 1)).rejects.toMatchObject({ status: 400, code: 131053 });
    await expect(call("image/jpeg", 100)).resolves.toMatchObject({ id: expect.stringMatching(/^\d+$/) });
    await expect(uploadMediaStream({ accessToken: "wrong", phoneNumberId: PHONE_A, body: streamOf(fileBytes(10)), size: 10, mimeType: "text/plain", filename: "x.txt" })).rejects.toBeInstanceOf(GraphApiError);
  });

  it("a failed send shows Meta's code; Retry sends the same media id again without a new upload", async () => {
    const { waId, conversation } = await seedConversation(A.id);
    graph.failMessages(META_ERRORS.reengagement);
    const response = await upload({ conversationId: conversation.id, bytes: fileBytes(50_000), type: "application/pdf", name: "orcamento.pdf", caption: "Orçamento" });
    expect(response.status).toBe(200);
    const failed = await response.json();
    expect(failed).toMatchObject({ status: "failed", error: { code: 131047 }, type: "document", text: "Orçamento" });
    const mediaId = failed.media.id;

    graph.failMessages(null);
    const before = graph.requests.length;
    const retried = await retryMessageAction({ messageId: failed.id });
    expect(retried.ok).toBe(true);
    expect(retried.ok && retried.data).toMatchObject({ id: failed.id, status: "sent", error: null, media: { id: mediaId } });
    expect(graphCallsSince(before)).toEqual([`POST /v23.0/${PHONE_A}/messages`]);
    expect(graph.requests.at(-1)!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "document",
      document: { id: mediaId, caption: "Orçamento", filename: "orcamento.pdf" },
    });
    // Sent now: a second Retry is refused.
    expect(await retryMessageAction({ messageId: failed.id })).toMatchObject({ ok: false });
  });

  it("Meta refusing a media id it does not know is stored as a failure with its code", async () => {
    const { conversation } = await seedConversation(A.id);
    const [row] = await db
      .insert(messages)
      .values({
        workspaceId: A.id, conversationId: conversation.id, direction: "outbound", sender: "agent", authorUserId: A.agent.userId,
        type: "image", media: { id: "999999999999999", mimeType: "image/png", filename: "x.png" }, status: "failed", error: { reason: "network" }, sentAt: new Date(),
      })
      .returning();
    const retried = await retryMessageAction({ messageId: row!.id });
    expect(retried.ok && retried.data).toMatchObject({ status: "failed", error: { code: 100 } });
  });
});
