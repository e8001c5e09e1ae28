import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendTemplateAction } from "@/app/(dashboard)/inbox/template-actions";
import { POST as postUpload } from "@/app/api/whatsapp/media-uploads/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, memberships, messageTemplates } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { MB } from "@/lib/inbox/media-limits";
import { syncTemplates } from "@/lib/templates/sync";
import { saveChannel } from "@/lib/whatsapp/channel";
import { META_ERRORS, startGraphFake, type GraphFake } from "../fakes/graph-api";
import { sampleTemplates } from "../fakes/graph-templates";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const TOKEN = "test-access-token-header-upload";
const PHONE_A = "100000000000081";
const WABA_A = "200000000000081";
const PHONE_B = "100000000000082";
const HOUR = 3_600_000;

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
type Who = Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let A: { id: string; agent: Who; admin: Who };
let B: { id: string; agent: Who };
let unconnected: { id: string; agent: Who };

const member = async (workspaceId: string, role: "admin" | "agent", name: string): Promise<Who> => ({ ...(await createMember(db, { workspaceId, role, name })), workspaceId });

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
  const c = (await createWorkspace(db, { name: "C" })).id;
  A = { id: a, agent: await member(a, "agent", "Ana Agent"), admin: await member(a, "admin", "Alice Admin") };
  B = { id: b, agent: await member(b, "agent", "Bruno Agent") };
  unconnected = { id: c, agent: await member(c, "agent", "Carla Agent") };
  await saveChannel(db, a, { phoneNumberId: PHONE_A, wabaId: WABA_A, displayPhoneNumber: "+55 11 90000-0081", accessToken: TOKEN });
  await saveChannel(db, b, { phoneNumberId: PHONE_B, wabaId: "200000000000082", displayPhoneNumber: "+55 11 90000-0082", accessToken: TOKEN });
  graph.templates.set(WABA_A, sampleTemplates());
  await syncTemplates(db, a);
});
afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
  await graph?.close();
  await connection?.close();
});
beforeEach(() => {
  graph.failUploads(null);
  graph.failMessages(null);
  actAs(A.agent);
});

/** Bytes that start like a PNG, so the file looks like itself. */
function pngBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

/** A body that arrives in 64 KiB chunks, as a browser's upload does. */
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

type Upload = { kind: string; bytes: Uint8Array; type: string; name: string; announce?: number | null; rawName?: string };
function upload(u: Upload) {
  const headers = new Headers({ "content-type": u.type, "x-file-name": u.rawName ?? encodeURIComponent(u.name) });
  const announced = u.announce === undefined ? u.bytes.byteLength : u.announce;
  if (announced !== null) headers.set("content-length", String(announced));
  const request = new Request(`http://localhost/api/whatsapp/media-uploads?kind=${encodeURIComponent(u.kind)}`, {
    method: "POST",
    headers,
    body: streamOf(u.bytes),
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return postUpload(request, undefined);
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const uploadsSince = (before: number) => graph.requests.slice(before).filter((r) => r.path.endsWith("/media")).map((r) => `${r.method} ${r.path}`);
const downloaded = async (id: string) => new Uint8Array(await (await fetch(`${graph.url}/media-download/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).arrayBuffer());

async function closedWindowConversation() {
  const waId = `5511987${String(Date.now()).slice(-6)}`;
  const [contact] = await db.insert(contacts).values({ workspaceId: A.id, waId, profileName: "Maria Souza" }).returning();
  const [conversation] = await db
    .insert(conversations)
    .values({ workspaceId: A.id, contactId: contact!.id, lastMessageAt: new Date(Date.now() - 48 * HOUR), lastInboundAt: new Date(Date.now() - 48 * HOUR) })
    .returning();
  return conversation!;
}

describe("uploading a template header's file", () => {
  it("streams the file to Meta and answers its media id, sending nothing; a template sent with that id carries it in the header", async () => {
    const bytes = pngBytes(300_000);
    const before = graph.requests.length;
    const response = await upload({ kind: "image", bytes, type: "image/png", name: "oferta de verão.png" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; filename: string; mimeType: string; size: number };
    expect(body).toEqual({ id: expect.stringMatching(/^\d{15,16}$/), filename: "oferta de verão.png", mimeType: "image/png", size: 300_000 });
    // Exactly one call, the upload: nothing sent to a customer.
    expect(graph.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`POST /v23.0/${PHONE_A}/media`]);
    expect(graph.requests.at(-1)!.body).toEqual({ messaging_product: "whatsapp", type: "image/png", file: { filename: "oferta de verão.png", contentType: "image/png", size: 300_000 } });
    expect(sha256(await downloaded(body.id))).toBe(sha256(bytes));

    const conversation = await closedWindowConversation();
    const [template] = await db.select().from(messageTemplates).where(and(eq(messageTemplates.workspaceId, A.id), eq(messageTemplates.name, "welcome_offer")));
    const sent = await sendTemplateAction({
      conversationId: conversation.id,
      templateId: template!.id,
      params: { "body:first_name": "Maria", "body:coupon": "BEMVINDO10" },
      headerMedia: { id: body.id, filename: body.filename },
    });
    expect(sent).toMatchObject({ ok: true, data: { status: "sent" } });
    const send = graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).at(-1)!;
    const components = (send.body as { template: { components: { type: string; parameters: Record<string, unknown>[] }[] } }).template.components;
    // An image header takes no file name: only the id goes.
    expect(components.find((c) => c.type === "header")!.parameters[0]).toEqual({ type: "image", image: { id: body.id } });
  });

  it("takes a video and a document for those headers, the document by its extension when the browser gave no type", async () => {
    const video = await upload({ kind: "video", bytes: pngBytes(2_000), type: "video/mp4", name: "demo.mp4" });
    expect(video.status).toBe(200);
    const doc = await upload({ kind: "document", bytes: pngBytes(2_000), type: "application/octet-stream", name: "catálogo.pdf" });
    expect(doc.status).toBe(200);
    expect(await doc.json()).toMatchObject({ mimeType: "application/pdf", filename: "catálogo.pdf" });
  });

  const refusals = [
    { what: "a PDF for a photo header", u: { kind: "image", type: "application/pdf", name: "a.pdf" }, status: 415, reason: "wrongKind", values: { kind: "image", mimeType: "application/pdf" } },
    { what: "a GIF for a photo header", u: { kind: "image", type: "image/gif", name: "a.gif" }, status: 415, reason: "wrongKind", values: { kind: "image", mimeType: "image/gif" } },
    { what: "a photo for a document header", u: { kind: "document", type: "image/jpeg", name: "a.jpg" }, status: 415, reason: "wrongKind", values: { kind: "document", mimeType: "image/jpeg" } },
    { what: "a photo over 5 MB (by its Content-Length, before any byte is read)", u: { kind: "image", type: "image/png", name: "big.png", announce: 5 * MB + 1 }, status: 413, reason: "tooLarge", values: { kind: "image", maxMb: 5 } },
    { what: "a video over 16 MB", u: { kind: "video", type: "video/mp4", name: "big.mp4", announce: 16 * MB + 1 }, status: 413, reason: "tooLarge", values: { kind: "video", maxMb: 16 } },
    { what: "an empty file", u: { kind: "image", type: "image/png", name: "a.png", announce: 0 }, status: 400, reason: "empty", values: {} },
    { what: "a body without Content-Length", u: { kind: "image", type: "image/png", name: "a.png", announce: null }, status: 411, reason: "missingSize", values: {} },
    { what: "a name with NUL", u: { kind: "image", type: "image/png", name: "a\u0000.png" }, status: 400, reason: "badName", values: {} },
    { what: "a 10,000-character name", u: { kind: "image", type: "image/png", name: `${"a".repeat(10_000)}.png` }, status: 400, reason: "badName", values: {} },
    { what: "a name that is not valid URI encoding", u: { kind: "image", type: "image/png", name: "x", rawName: "%E0%A4%A.png" }, status: 400, reason: "badName", values: {} },
  ];
  for (const r of refusals) {
    it(`refuses ${r.what} with the reason in words, calling Meta not at all`, async () => {
      const before = graph.requests.length;
      const response = await upload({ bytes: pngBytes(1_000), ...r.u });
      expect(response.status).toBe(r.status);
      expect(await response.json()).toEqual({ error: "bad_request:media", reason: r.reason, values: r.values });
      expect(graph.requests.length).toBe(before);
    });
  }

  it("refuses a header kind that is not image, video or document as bad input", async () => {
    for (const kind of ["audio", "sticker", "", "image\u0000"]) {
      const before = graph.requests.length;
      const response = await upload({ kind, bytes: pngBytes(100), type: "image/png", name: "a.png" });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "bad_request:media_kind" });
      expect(graph.requests.length).toBe(before);
    }
  });

  it("stops a body longer than it announced, before Meta keeps it", async () => {
    const response = await upload({ kind: "image", bytes: pngBytes(200_000), type: "image/png", name: "a.png", announce: 100_000 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: "sizeMismatch" });
  });

  it("answers 401 without a session, for a deactivated member, and for a member of another workspace claiming this one", async () => {
    const before = graph.requests.length;
    actAs(null);
    expect((await upload({ kind: "image", bytes: pngBytes(100), type: "image/png", name: "a.png" })).status).toBe(401);
    const gone = await member(A.id, "agent", "Gil Gone");
    await db.update(memberships).set({ active: false }).where(and(eq(memberships.userId, gone.userId), eq(memberships.workspaceId, A.id)));
    actAs(gone);
    expect((await upload({ kind: "image", bytes: pngBytes(100), type: "image/png", name: "a.png" })).status).toBe(401);
    actAs({ userId: B.agent.userId, workspaceId: A.id, role: "agent" });
    expect((await upload({ kind: "image", bytes: pngBytes(100), type: "image/png", name: "a.png" })).status).toBe(401);
    expect(graph.requests.length).toBe(before);
  });

  it("uploads with the member's own workspace's number: another workspace's agent reaches only theirs", async () => {
    actAs(B.agent);
    const before = graph.requests.length;
    expect((await upload({ kind: "image", bytes: pngBytes(100), type: "image/png", name: "a.png" })).status).toBe(200);
    expect(uploadsSince(before)).toEqual([`POST /v23.0/${PHONE_B}/media`]);
  });

  it("says so when the workspace has no WhatsApp connected, calling nothing", async () => {
    actAs(unconnected.agent);
    const before = graph.requests.length;
    const response = await upload({ kind: "image", bytes: pngBytes(100), type: "image/png", name: "a.png" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "conflict:channel" });
    expect(graph.requests.length).toBe(before);
  });

  it("answers 502 with Meta's code when Meta refuses the upload", async () => {
    graph.failUploads(META_ERRORS.invalidToken);
    const before = graph.requests.length;
    const response = await upload({ kind: "image", bytes: pngBytes(10_000), type: "image/png", name: "a.png" });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: "bad_gateway:media_upload", failure: { code: 190 } });
    expect(uploadsSince(before)).toEqual([`POST /v23.0/${PHONE_A}/media`]);
  });
});
