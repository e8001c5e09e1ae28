import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { callWebhook } from "../support/webhook-endpoint";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messages, settings, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { createForwardMessageJob, type ForwardJobOptions } from "@/lib/forwarding/job";
import { webhookForwardingSection, type WebhookForwardingSettings } from "@/lib/forwarding/settings";
import { runDueJobs } from "@/lib/jobs/runner";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startForwardingReceiver, type ForwardingReceiver } from "../fakes/forwarding-receiver";
import { flushAfter } from "../support/after-queue";
import { createWorkspace } from "../support/factories";
import { useDatabase } from "../support/request-context";
import { verifyStandardWebhook } from "../support/standard-webhooks";
import { createTestDb } from "../support/test-db";
import { fixture, signedRequest, textMessage, webhookBody } from "../support/webhook";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

// The webhook route runs due jobs in after(); each test decides whether that happens (`drain.run`) or runs them itself.
const drain = vi.hoisted(() => ({ run: null as null | (() => Promise<unknown>) }));
vi.mock("@/lib/composition/drain-jobs", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/composition/drain-jobs")>()),
  drainDueJobs: vi.fn(async () => (drain.run ? drain.run() : null)),
  drainWhenDue: vi.fn(async () => null),
}));

const NUMBER_ID = "100000000000001";
const APP_URL = "https://app.zapvendas.test";
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const HOUR = 3_600_000;

let connection: DbConnection;
let db: Db;
let receiver: ForwardingReceiver;
let workspaceId: string;
let clock: Date;
const now = () => clock;
let wamidCounter = 0;

beforeAll(async () => {
  // The receiver listens on loopback, which only the development flag allows.
  vi.stubEnv("ALLOW_PRIVATE_WEBHOOK_TARGETS", "1");
  vi.stubEnv("APP_URL", APP_URL);
  resetEnvCache();
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  receiver = await startForwardingReceiver();
  workspaceId = (await createWorkspace(db)).id;
  await saveChannel(db, workspaceId, { phoneNumberId: NUMBER_ID, wabaId: "200000000000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t" });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvCache();
  await receiver?.close();
  await connection?.close();
});
beforeEach(async () => {
  receiver.reset();
  drain.run = null;
  clock = new Date();
  // A test's leftover retries never reach the next test's receiver.
  await db.delete(jobs);
  await configure({ enabled: true, method: "POST", url: receiver.url, secret: SECRET });
});

async function configure(values: WebhookForwardingSettings) {
  await saveSettings(db, workspaceId, webhookForwardingSection, values, null);
}

async function post(body: unknown) {
  const response = await callWebhook(signedRequest(body));
  await flushAfter();
  expect(response.status).toBe(200);
  // The jobs it enqueued are due from now on.
  clock = new Date();
}

/** A customer text through the real webhook route; answers the wamid. */
async function receiveText(text = "Olá") {
  const wamid = `wamid.forwarding.${++wamidCounter}`;
  await post(webhookBody(NUMBER_ID, { contacts: [{ wa_id: "5511900001234", profile: { name: "Bia" } }], messages: [textMessage("5511900001234", wamid, text)] }));
  return wamid;
}

type Fixture = { entry: { changes: { value: { messages?: { id: string }[] } }[] }[] };

/** A fixture with fresh wamids, so each test stores (and forwards) its messages anew. */
function fresh(name: string): { body: Fixture; wamids: string[] } {
  const body = structuredClone(fixture(name)) as unknown as Fixture;
  const suffix = `.${++wamidCounter}`;
  const wamids: string[] = [];
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      for (const message of change.value.messages ?? []) {
        message.id += suffix;
        wamids.push(message.id);
      }
    }
  }
  return { body, wamids };
}

const run = (options: ForwardJobOptions = {}, random = () => 0.5) =>
  runDueJobs(db, [createForwardMessageJob({ timeoutMs: 2_000, ...options })], { now, random });

async function deliveryOf(wamid: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries })
    .from(webhookDeliveries)
    .innerJoin(messages, eq(messages.id, webhookDeliveries.messageId))
    .where(eq(messages.wamid, wamid));
  return row?.delivery;
}

async function jobOf(deliveryId: string) {
  const [row] = await db.select().from(jobs).where(sql`${jobs.payload}->>'deliveryId' = ${deliveryId}`);
  return row;
}

async function conversationIdOf(waId: string) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(contacts.waId, waId)));
  return row!.id;
}

describe("what is forwarded", () => {
  it("POSTs each incoming message as JSON with sender, ids, type, text, times, business number and the ad referral", async () => {
    const ad = fresh("click-to-whatsapp-ad.json");
    await post(ad.body);
    await run();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: "POST", path: "/hook", rawQuery: "" });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({
      event: "message.received",
      message_id: ad.wamids[0],
      type: "text",
      message: "Vi o anúncio e quero saber mais",
      sender: "5531999990000",
      sender_name: "Ana Pereira",
      timestamp: new Date(1764000200 * 1000).toISOString(),
      timestamp_unix: 1764000200,
      conversation_id: await conversationIdOf("5531999990000"),
      business_phone_number: "+55 11 90000-0001",
      business_phone_number_id: NUMBER_ID,
      media: null,
      referral: {
        source_url: "https://fb.me/3bXq9ZK1a",
        source_id: "120210000000000001",
        source_type: "ad",
        headline: "Plano anual com 30% de desconto",
        body: "Fale com a gente pelo WhatsApp",
        media_type: "image",
        image_url: "https://example.invalid/ad.jpg",
        video_url: null,
        thumbnail_url: null,
        ctwa_clid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
      },
      sent_by: "customer",
      bot_id: null,
      bot_name: null,
    });
  });

  it("sends media with its type, mime type, file name and a signed link valid for 24 hours", async () => {
    await post(fresh("media-batch.json").body);
    await run();
    // Deliveries run concurrently, so they arrive in any order.
    const bodies = receiver.requests.map((r) => JSON.parse(r.body)).sort((a, b) => a.timestamp_unix - b.timestamp_unix);
    expect(bodies.map((b) => b.type)).toEqual(["image", "document", "location"]);
    const [image, document, location] = bodies;
    const [stored] = await db.select({ id: messages.id }).from(messages).where(eq(messages.wamid, document.message_id));
    expect(document).toMatchObject({ message: "Nota fiscal", sender: "5521912345678", sender_name: "João Lima", referral: null });
    expect(document.media).toEqual({
      type: "document",
      mime_type: "application/pdf",
      file_name: "nota-fiscal-1234.pdf",
      url: expect.stringMatching(new RegExp(`^${APP_URL}/api/media/${stored!.id}\\?expires=\\d+&signature=[\\w-]+$`)),
      url_expires_at: expect.any(String),
    });
    const expiresIn = Date.parse(document.media.url_expires_at) - clock.getTime();
    expect(expiresIn).toBeGreaterThan(23.9 * HOUR);
    expect(expiresIn).toBeLessThanOrEqual(24 * HOUR + 1000);
    expect(image.media).toMatchObject({ type: "image", mime_type: "image/jpeg", file_name: null });
    expect(location).toMatchObject({ media: null, message: "Loja Centro — Av. Rio Branco, 1 - Centro, Rio de Janeiro" });
  });

  it("sends the same data as flat query parameters with GET, nested fields joined by underscores", async () => {
    await configure({ enabled: true, method: "GET", url: `${receiver.url}?token=abc`, secret: SECRET });
    const ad = fresh("click-to-whatsapp-ad.json");
    await post(ad.body);
    await post(fresh("media-batch.json").body);
    await run();
    expect(receiver.requests.map((r) => [r.method, r.body])).toEqual(Array.from({ length: 4 }, () => ["GET", ""]));
    const byType = (type: string) => receiver.requests.map((r) => r.query).find((q) => q.type === type);
    const [adQuery, image] = [byType("text"), byType("image")];
    expect(adQuery).toEqual({
      token: "abc",
      event: "message.received",
      message_id: ad.wamids[0],
      type: "text",
      message: "Vi o anúncio e quero saber mais",
      sender: "5531999990000",
      sender_name: "Ana Pereira",
      timestamp: new Date(1764000200 * 1000).toISOString(),
      timestamp_unix: "1764000200",
      conversation_id: await conversationIdOf("5531999990000"),
      business_phone_number: "+55 11 90000-0001",
      business_phone_number_id: NUMBER_ID,
      referral_source_url: "https://fb.me/3bXq9ZK1a",
      referral_source_id: "120210000000000001",
      referral_source_type: "ad",
      referral_headline: "Plano anual com 30% de desconto",
      referral_body: "Fale com a gente pelo WhatsApp",
      referral_media_type: "image",
      referral_image_url: "https://example.invalid/ad.jpg",
      referral_ctwa_clid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
      sent_by: "customer",
    });
    expect(image).toMatchObject({
      type: "image",
      message: "Foto do produto com defeito",
      media_type: "image",
      media_mime_type: "image/jpeg",
      media_url: expect.stringContaining(`${APP_URL}/api/media/`),
      media_url_expires_at: expect.any(String),
    });
    expect(Object.keys(image!).some((key) => key.startsWith("referral_") || key === "media_file_name")).toBe(false);
  });
});

describe("signing", () => {
  it("signs a POST body the way the README tells receivers to verify it", async () => {
    const wamid = await receiveText();
    await run();
    const [request] = receiver.requests;
    const delivery = (await deliveryOf(wamid))!;
    expect(request!.headers["webhook-id"]).toBe(delivery.id);
    expect(Number(request!.headers["webhook-timestamp"])).toBe(Math.floor(clock.getTime() / 1000));
    expect(request!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifyStandardWebhook(SECRET, request!.headers, request!.body)).toBe(true);
    // A receiver with another secret, or a body changed on the way, refuses it.
    expect(verifyStandardWebhook("whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==", request!.headers, request!.body)).toBe(false);
    expect(verifyStandardWebhook(SECRET, request!.headers, request!.body.replace("Olá", "Olé"))).toBe(false);
  });

  it("signs a GET request's raw query string, and uses a secret without the whsec_ prefix as UTF-8 bytes", async () => {
    await configure({ enabled: true, method: "GET", url: `${receiver.url}?token=a%20b`, secret: "my plain secret" });
    await receiveText("preço: R$ 10 & frete");
    await run();
    const [request] = receiver.requests;
    expect(request!.rawQuery).toMatch(/^token=a%20b&event=message\.received&/);
    expect(request!.query.message).toBe("preço: R$ 10 & frete");
    expect(verifyStandardWebhook("my plain secret", request!.headers, request!.rawQuery)).toBe(true);
    expect(verifyStandardWebhook("my plain secret", request!.headers, "")).toBe(false);
  });

  it("sends the delivery id and timestamp but no signature without a secret", async () => {
    // Saving an empty secret keeps the stored one, so this workspace starts over without any.
    await db.delete(settings).where(eq(settings.workspaceId, workspaceId));
    await configure({ enabled: true, method: "POST", url: receiver.url, secret: "" });
    await receiveText();
    await run();
    expect(receiver.requests[0]!.headers).toMatchObject({ "webhook-id": expect.any(String), "webhook-timestamp": expect.any(String) });
    expect(receiver.requests[0]!.headers["webhook-signature"]).toBeUndefined();
  });
});

describe("delivery and retries", () => {
  it("delivers right after the webhook answers", async () => {
    drain.run = () => {
      clock = new Date();
      return run();
    };
    const wamid = await receiveText("agora");
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveryOf(wamid)).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect((await deliveryOf(wamid))!.deliveredAt).toBeInstanceOf(Date);
  });

  it("retries a receiver that fails twice with backoff, sending the same webhook-id each time, then records it delivered", async () => {
    receiver.queue({ status: 500, body: "boom" }, { status: 502 });
    const wamid = await receiveText("retry me");
    const delivery = (await deliveryOf(wamid))!;

    await run();
    let row = (await deliveryOf(wamid))!;
    expect(row).toMatchObject({ status: "retrying", attempts: 1, lastStatusCode: 500, lastError: "http_status: answered 500" });
    const firstRetry = row.nextAttemptAt!;
    expect(firstRetry.getTime() - clock.getTime()).toBeGreaterThanOrEqual(15_000); // half of the 30 s base, plus jitter
    expect(firstRetry.getTime() - clock.getTime()).toBeLessThanOrEqual(30_000);
    expect((await jobOf(delivery.id))!.runAt).toEqual(firstRetry);

    // Not before it is due.
    clock = new Date(firstRetry.getTime() - 1);
    expect((await run()).ran).toBe(0);

    clock = firstRetry;
    await run();
    row = (await deliveryOf(wamid))!;
    expect(row).toMatchObject({ status: "retrying", attempts: 2, lastStatusCode: 502 });
    expect(row.nextAttemptAt!.getTime() - clock.getTime()).toBeGreaterThanOrEqual(30_000); // the delay doubled

    clock = row.nextAttemptAt!;
    await run();
    row = (await deliveryOf(wamid))!;
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(await jobOf(delivery.id)).toBeUndefined();

    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
    expect(new Set(receiver.requests.map((r) => JSON.parse(r.body).message_id))).toEqual(new Set([wamid]));
    expect(receiver.requests.every((r) => verifyStandardWebhook(SECRET, r.headers, r.body))).toBe(true);
  });

  it("keeps retrying a receiver that never answers for 24 hours, then marks the delivery failed", async () => {
    receiver.setFallback({ hang: true });
    const wamid = await receiveText("anyone there?");
    const created = clock.getTime();
    let rounds = 0;
    for (;;) {
      const summary = await run({ timeoutMs: 100 }, () => 1);
      expect(summary.ran).toBe(1);
      rounds++;
      const row = (await deliveryOf(wamid))!;
      if (row.status === "failed") break;
      expect(row).toMatchObject({ status: "retrying", attempts: rounds, lastStatusCode: null });
      expect(row.lastError).toMatch(/^timeout: /);
      clock = row.nextAttemptAt!;
      expect(rounds).toBeLessThan(40);
    }
    const failed = (await deliveryOf(wamid))!;
    expect(failed).toMatchObject({ status: "failed", attempts: rounds, nextAttemptAt: null });
    expect(failed.lastError).toMatch(/^timeout: no answer within 100 ms/);
    expect(clock.getTime() - created).toBeGreaterThanOrEqual(24 * HOUR); // not given up before a day of retries
    expect(rounds).toBeGreaterThan(10); // more than maxAttempts: retryForMs kept it going
    expect(receiver.requests).toHaveLength(rounds);
    expect((await jobOf(failed.id))!.status).toBe("dead");
    clock = new Date(clock.getTime() + 48 * HOUR);
    expect((await run()).ran).toBe(0);
  });

  it("waits the Retry-After of a 429 (seconds) and of a 503 (HTTP date) when longer than its backoff", async () => {
    clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    receiver.queue({ status: 429, headers: { "retry-after": "120" } });
    const wamid = await receiveText("slow down");
    clock = new Date(Math.ceil(Date.now() / 1000) * 1000);
    await run({}, () => 0);
    let row = (await deliveryOf(wamid))!;
    expect(row).toMatchObject({ status: "retrying", lastStatusCode: 429 });
    expect(row.nextAttemptAt!.getTime() - clock.getTime()).toBe(120_000);

    const until = new Date(clock.getTime() + 120_000 + HOUR);
    receiver.queue({ status: 503, headers: { "retry-after": until.toUTCString() } });
    clock = row.nextAttemptAt!;
    await run({}, () => 0);
    row = (await deliveryOf(wamid))!;
    expect(row).toMatchObject({ status: "retrying", lastStatusCode: 503 });
    expect(row.nextAttemptAt).toEqual(until);

    clock = until;
    await run();
    expect(await deliveryOf(wamid)).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    receiver.queue({ status: 302, headers: { location: `${receiver.origin}/elsewhere` } });
    const wamid = await receiveText("moved?");
    await run();
    expect(await deliveryOf(wamid)).toMatchObject({ status: "retrying", lastStatusCode: 302 });
    expect((await deliveryOf(wamid))!.lastError).toMatch(/^redirect: answered 302/);
    expect(receiver.requests.map((r) => r.path)).toEqual(["/hook"]);
  });

  it("reads at most 64 KB of an answer and still records the delivery", async () => {
    // 1 GiB would take many seconds to read; the cap drops the connection after 64 KB.
    receiver.queue({ status: 200, bodyBytes: 1024 * 1024 * 1024 });
    const wamid = await receiveText("big answer");
    const started = performance.now();
    await run();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await deliveryOf(wamid)).toMatchObject({ status: "delivered", lastStatusCode: 200 });
  });

  it("creates no delivery once forwarding is turned off, and stops the retries already pending", async () => {
    receiver.queue({ status: 500 });
    const pending = await receiveText("before");
    await run();
    expect(await deliveryOf(pending)).toMatchObject({ status: "retrying" });

    await configure({ enabled: false, method: "POST", url: receiver.url, secret: SECRET });
    const after = await receiveText("after");
    expect(await deliveryOf(after)).toBeUndefined();

    clock = (await deliveryOf(pending))!.nextAttemptAt!;
    await run();
    const stopped = (await deliveryOf(pending))!;
    expect(stopped).toMatchObject({ status: "failed", attempts: 2 });
    expect(stopped.lastError).toMatch(/^forwarding_disabled: /);
    expect(receiver.requests).toHaveLength(1);
  });

  it("sends each delivery exactly once when two workers drain at the same time", async () => {
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) sent.push(await receiveText(`burst ${i}`));
    const summaries = await Promise.all([run(), run()]);
    expect(summaries.reduce((sum, s) => sum + s.succeeded, 0)).toBe(12);
    const ids = receiver.requests.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    for (const wamid of sent) expect(await deliveryOf(wamid)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("delivers, once, a job whose worker died mid-attempt (restart) after its lease ran out", async () => {
    const wamid = await receiveText("lost worker");
    const delivery = (await deliveryOf(wamid))!;
    // What a crash leaves behind: the job claimed and running, its lease in the past.
    await db
      .update(jobs)
      .set({ status: "running", attempts: 1, lockedUntil: new Date(clock.getTime() - 1000) })
      .where(sql`${jobs.payload}->>'deliveryId' = ${delivery.id}`);
    await Promise.all([run(), run()]);
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveryOf(wamid)).toMatchObject({ status: "delivered" });
  });
});
