import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/media/[messageId]/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, messages, type MessageMedia } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { publish } from "@/lib/realtime/publish";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const TOKEN = "test-access-token-media-route";
const IMAGE_ID = "900000000000001";
const DOCUMENT_ID = "900000000000002";
// The first bytes of a JPEG and of a PDF: the route must pass bytes through untouched.
const IMAGE_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x00, 0xff]);
const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
let workspaceId: string;
let agent: Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let stranger: Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let conversation: typeof conversations.$inferSelect;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setMedia(IMAGE_ID, { bytes: IMAGE_BYTES, mimeType: "image/jpeg" });
  graph.setMedia(DOCUMENT_ID, { bytes: PDF_BYTES, mimeType: "application/pdf" });
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();

  workspaceId = (await createWorkspace(db)).id;
  agent = { ...(await createMember(db, { workspaceId })), workspaceId };
  const otherWorkspace = (await createWorkspace(db)).id;
  stranger = { ...(await createMember(db, { workspaceId: otherWorkspace, role: "admin" })), workspaceId: otherWorkspace };
  await saveChannel(db, workspaceId, { phoneNumberId: "100000000000001", wabaId: "200000000000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: TOKEN });
  await saveChannel(db, otherWorkspace, { phoneNumberId: "100000000000002", wabaId: "200000000000002", displayPhoneNumber: "+55 11 90000-0002", accessToken: TOKEN });
  const [contact] = await db.insert(contacts).values({ workspaceId, waId: "5521912345678", profileName: "João Lima" }).returning();
  [conversation] = (await db.insert(conversations).values({ workspaceId, contactId: contact!.id }).returning()) as [typeof conversation];
});
afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
  await graph?.close();
  await connection?.close();
});
beforeEach(() => {
  actAs(agent);
  vi.mocked(publish).mockClear();
});

async function seedMediaMessage(type: string, media: MessageMedia | null, text: string | null = null) {
  const [row] = await db
    .insert(messages)
    .values({ workspaceId, conversationId: conversation.id, direction: "inbound", sender: "customer", type, text, media, status: "received", sentAt: new Date() })
    .returning();
  return row!;
}

const get = (messageId: string) => GET(new Request(`http://localhost/api/media/${messageId}`), { params: Promise.resolve({ messageId }) });

describe("GET /api/media/:messageId", () => {
  it("streams an image inline with its type and a short private cache, fetched with the workspace's token", async () => {
    const message = await seedMediaMessage("image", { id: IMAGE_ID, mimeType: "image/jpeg" }, "Foto do produto com defeito");
    const before = graph.requests.length;
    const response = await get(message.id);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(IMAGE_BYTES);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toBe("private, max-age=300");
    expect(response.headers.get("content-disposition")).toBe("inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");

    const [info, download] = graph.requests.slice(before);
    expect(info).toMatchObject({ method: "GET", path: `/v23.0/${IMAGE_ID}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(download).toMatchObject({ method: "GET", path: `/media-download/${IMAGE_ID}`, headers: { authorization: `Bearer ${TOKEN}` } });
  });

  it("sends a document as an attachment under its own file name, encoded for the header", async () => {
    const message = await seedMediaMessage("document", { id: DOCUMENT_ID, mimeType: "application/pdf", filename: "nota fiscal (maio) ção.pdf" }, "Nota fiscal");
    const response = await get(message.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''nota%20fiscal%20%28maio%29%20%C3%A7%C3%A3o.pdf");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF_BYTES);
  });

  it("answers 404 to a member of another workspace, without calling WhatsApp", async () => {
    const message = await seedMediaMessage("image", { id: IMAGE_ID, mimeType: "image/jpeg" });
    actAs(stranger);
    const before = graph.requests.length;
    const response = await get(message.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found:message" });
    expect(graph.requests.length).toBe(before);
  });

  it("answers 404 for an unknown or malformed id and for a message without media", async () => {
    expect((await get("00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
    const text = await seedMediaMessage("text", null, "só texto");
    expect((await get(text.id)).status).toBe(404);
  });

  it("answers 401 to an anonymous caller", async () => {
    const message = await seedMediaMessage("image", { id: IMAGE_ID, mimeType: "image/jpeg" });
    actAs(null);
    const response = await get(message.id);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized:session" });
  });

  it("answers 502 when WhatsApp no longer has the media", async () => {
    const message = await seedMediaMessage("video", { id: "900000000000999", mimeType: "video/mp4" });
    const response = await get(message.id);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: "bad_gateway:media" });
  });
});
