import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { sendTestEventAction } from "@/app/(dashboard)/settings/webhook-forwarding/actions";
import { GET as getMedia } from "@/app/api/media/[messageId]/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messages, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { sendEvent } from "@/lib/forwarding/deliver";
import { createForwardMessageJob } from "@/lib/forwarding/job";
import { mediaLink } from "@/lib/forwarding/media-link";
import { FORWARD_JOB_KIND } from "@/lib/forwarding/job-kind";
import { sampleEvent } from "@/lib/forwarding/payload";
import { RefusedTarget, type Resolve } from "@/lib/forwarding/safe-target";
import { assertForwardingTarget, webhookForwardingSection } from "@/lib/forwarding/settings";
import { runDueJobs } from "@/lib/jobs/runner";
import { getSettings, saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startForwardingReceiver, type ForwardingReceiver } from "../fakes/forwarding-receiver";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { verifyStandardWebhook } from "../support/standard-webhooks";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const TOKEN = "media-token";
const MEDIA_ID = "900000000000123";
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

let connection: DbConnection;
let db: Db;
let receiver: ForwardingReceiver;
let graph: GraphFake;
let workspaceId: string;
let admin: { userId: string; workspaceId: string; role: "admin" };
let agent: { userId: string; workspaceId: string; role: "agent" };
let conversationId: string;

/** The development flag: on for the tests that need the loopback receiver, off (unset) for those proving the refusal. */
function allowPrivateTargets(allowed: boolean) {
  vi.stubEnv("ALLOW_PRIVATE_WEBHOOK_TARGETS", allowed ? "1" : "");
  resetEnvCache();
}

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  receiver = await startForwardingReceiver();
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setMedia(MEDIA_ID, { bytes: JPEG, mimeType: "image/jpeg" });
  vi.stubEnv("WHATSAPP_GRAPH_URL", graph.url);
  workspaceId = (await createWorkspace(db)).id;
  admin = { ...(await createMember(db, { workspaceId, role: "admin" })), workspaceId, role: "admin" };
  agent = { ...(await createMember(db, { workspaceId, role: "agent" })), workspaceId, role: "agent" };
  await saveChannel(db, workspaceId, { phoneNumberId: "100000000000555", wabaId: "200000000000555", displayPhoneNumber: "+55 11 90000-0555", accessToken: TOKEN });
  const [contact] = await db.insert(contacts).values({ workspaceId, waId: "5511900005555", profileName: "Caio" }).returning();
  conversationId = (await db.insert(conversations).values({ workspaceId, contactId: contact!.id }).returning())[0]!.id;
});
afterAll(async () => {
  actAs(null);
  vi.unstubAllEnvs();
  resetEnvCache();
  await receiver?.close();
  await graph?.close();
  await connection?.close();
});
beforeEach(() => {
  receiver.reset();
  allowPrivateTargets(false);
  actAs(admin);
});
afterEach(() => allowPrivateTargets(false));

const save = (url: string, enabled = true) => saveSettingsAction({ section: "webhook-forwarding", values: { enabled, method: "POST", url, secret: "" } });

/** A resolver playing a DNS server: each call answers the next list (the last one repeats). */
function dns(...answers: string[][]): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe("saving the section", () => {
  it("requires the URL when forwarding is on, and only http(s) URLs", async () => {
    expect(await save("")).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { "values.url": "Enter the endpoint URL to turn forwarding on." } });
    expect(await save("ftp://example.com/hook")).toMatchObject({ fieldErrors: { "values.url": "Enter an http:// or https:// URL." } });
    expect(await save("not a url")).toMatchObject({ fieldErrors: { "values.url": "Enter an http:// or https:// URL." } });
    expect(await save("", false)).toMatchObject({ ok: true });
  });

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost:3000/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://10.1.2.3/hook",
    "http://172.20.0.5/hook",
    "http://192.168.0.10/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://[fd00:ec2::254]/hook",
    "http://[fe80::1]/hook",
    "http://2130706433/hook",
    "http://[::127.0.0.1]/hook",
    "http://[::7f00:1]/hook",
    "http://[64:ff9b::a9fe:a9fe]/hook",
    "http://[2002:7f00:1::]/hook",
    "http://192.31.196.1/hook",
    "http://192.52.193.1/hook",
    "http://192.175.48.1/hook",
    "http://[2001:2::1]/hook",
    "http://[3fff::1]/hook",
    "http://[5f00::1]/hook",
  ])("refuses %s without the development flag, as a field error", async (url) => {
    const before = await getSettings(db, workspaceId, webhookForwardingSection);
    expect(await save(url)).toMatchObject({
      ok: false,
      fieldErrors: { "values.url": "This URL leads to a private or local network address. Use a public address." },
    });
    expect(await getSettings(db, workspaceId, webhookForwardingSection)).toEqual(before);
  });

  it("accepts a public address, and a loopback one with the development flag", async () => {
    expect(await save("https://93.184.215.14/hook")).toMatchObject({ ok: true });
    allowPrivateTargets(true);
    expect(await save(receiver.url)).toMatchObject({ ok: true });
    expect((await getSettings(db, workspaceId, webhookForwardingSection)).url).toBe(receiver.url);
  });

  it("checks every address a host name resolves to, and refuses a name that does not resolve", async () => {
    await expect(assertForwardingTarget("https://hooks.example.test/x", { resolve: dns(["93.184.215.14"]) })).resolves.toBeUndefined();
    await expect(assertForwardingTarget("https://hooks.example.test/x", { resolve: dns(["93.184.215.14", "10.0.0.7"]) })).rejects.toMatchObject({
      fields: { url: { key: "webhook_url_private" } },
    });
    const failing: Resolve = async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" }));
    await expect(assertForwardingTarget("https://nowhere.test/x", { resolve: failing })).rejects.toMatchObject({ fields: { url: { key: "webhook_url_unresolvable" } } });
  });

  it("is refused to an agent", async () => {
    actAs(agent);
    expect(await save("https://93.184.215.14/other")).toMatchObject({ ok: false, code: "not_found:settings" });
  });
});

describe("sending to a target that is not allowed", () => {
  it("fails a delivery to loopback at once without the development flag, sending nothing", async () => {
    // Saved while the flag was on (a development database moved to production, say).
    await saveSettings(db, workspaceId, webhookForwardingSection, { enabled: true, method: "POST", url: receiver.url, secret: "" }, null);
    const [message] = await db
      .insert(messages)
      .values({ workspaceId, conversationId, wamid: "wamid.safety.1", direction: "inbound", sender: "customer", type: "text", text: "oi", status: "received", sentAt: new Date() })
      .returning();
    const [delivery] = await db.insert(webhookDeliveries).values({ workspaceId, messageId: message!.id }).returning();
    await db.insert(jobs).values({ workspaceId, kind: FORWARD_JOB_KIND, payload: { deliveryId: delivery!.id } });

    const summary = await runDueJobs(db, [createForwardMessageJob()]);
    expect(summary).toMatchObject({ ran: 1, dead: 1 });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id));
    expect(row).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null, lastStatusCode: null });
    expect(row!.lastError).toBe("private_address: 127.0.0.1");
    expect(receiver.requests).toHaveLength(0);
    expect((await db.select().from(jobs).where(sql`${jobs.payload}->>'deliveryId' = ${delivery!.id}`))[0]!.status).toBe("dead");
  });

  const event = () => sampleEvent(db, workspaceId, new Date());
  const send = async (url: string, resolve?: Resolve, allowPrivate = false) =>
    sendEvent({ url, method: "POST", event: await event(), id: "msg_1", secret: "", now: new Date(), resolve, allowPrivate });

  it("checks the addresses it connects to, so a DNS answer that changed since saving (rebinding) is refused", async () => {
    const port = new URL(receiver.url).port;
    const rebinding = dns(["93.184.215.14"], ["127.0.0.1"]);
    await assertForwardingTarget(`http://hooks.example.test:${port}/hook`, { resolve: rebinding });
    await expect(send(`http://hooks.example.test:${port}/hook`, rebinding)).rejects.toBeInstanceOf(RefusedTarget);
    expect(rebinding.calls).toEqual(["hooks.example.test", "hooks.example.test"]);
    await expect(send(`http://mixed.example.test:${port}/hook`, dns(["93.184.215.14", "::1"]))).rejects.toThrow(/private_address/);
    expect(receiver.requests).toHaveLength(0);
  });

  it.each([["::127.0.0.1"], ["::ffff:169.254.169.254"], ["64:ff9b::a00:1"], ["192.175.48.1"], ["2001:2::1"], ["3fff::1"]])(
    "refuses a host name that resolves to the special-purpose address %s at delivery, sending nothing",
    async (address) => {
      const port = new URL(receiver.url).port;
      await expect(send(`http://hooks.example.test:${port}/hook`, dns([address]))).rejects.toMatchObject({ reason: "private_address" });
      const literal = address.includes(":") ? `[${address}]` : address;
      await expect(send(`http://${literal}:${port}/hook`)).rejects.toMatchObject({ reason: "private_address" });
      expect(receiver.requests).toHaveLength(0);
    },
  );

  it("connects to the address it resolved while keeping the URL's host name in the Host header", async () => {
    const port = new URL(receiver.url).port;
    const answer = await send(`http://hooks.example.test:${port}/hook`, dns(["127.0.0.1"]), true);
    expect(answer.status).toBe(200);
    expect(receiver.requests[0]!.headers.host).toBe(`hooks.example.test:${port}`);
  });

  it("refuses other schemes before connecting", async () => {
    await expect(send("file:///etc/passwd")).rejects.toMatchObject({ reason: "protocol" });
  });

  it("reads at most 64 KB of an answer", async () => {
    receiver.queue({ status: 200, bodyBytes: 10 * 1024 * 1024 });
    const answer = await send(receiver.url, undefined, true);
    expect(answer).toMatchObject({ status: 200, truncated: true });
    expect(answer.body.byteLength).toBe(64 * 1024);
  });
});

describe("Send test event", () => {
  it("sends a signed sample to the entered URL and answers the status and the first 500 bytes of the body", async () => {
    allowPrivateTargets(true);
    await saveSettings(db, workspaceId, webhookForwardingSection, { enabled: false, method: "POST", url: "", secret: "whsec_c3RvcmVkLXNlY3JldC1zdG9yZWQtc2VjcmV0" }, null);
    receiver.queue({ status: 201, body: "a".repeat(600) });
    const result = await sendTestEventAction({ method: "POST", url: receiver.url, secret: "" });
    expect(result).toMatchObject({ ok: true, data: { ok: true, status: 201, body: "a".repeat(500), truncated: true } });
    const [request] = receiver.requests;
    expect(JSON.parse(request!.body)).toMatchObject({ event: "test", business_phone_number_id: "100000000000555" });
    expect(request!.headers["webhook-id"]).toMatch(/^test_/);
    // An empty secret field means the stored secret.
    expect(verifyStandardWebhook("whsec_c3RvcmVkLXNlY3JldC1zdG9yZWQtc2VjcmV0", request!.headers, request!.body)).toBe(true);
  });

  it("shows an error answer as the endpoint gave it, and sends GET as query parameters", async () => {
    allowPrivateTargets(true);
    receiver.queue({ status: 404, body: "no such hook" });
    const result = await sendTestEventAction({ method: "GET", url: receiver.url, secret: "plain" });
    expect(result).toMatchObject({ ok: true, data: { ok: true, status: 404, body: "no such hook", truncated: false } });
    expect(receiver.requests[0]).toMatchObject({ method: "GET", query: { event: "test", message: "Hello" } });
    expect(verifyStandardWebhook("plain", receiver.requests[0]!.headers, receiver.requests[0]!.rawQuery)).toBe(true);
  });

  it("refuses a loopback URL without the development flag, and refuses an agent", async () => {
    expect(await sendTestEventAction({ method: "POST", url: receiver.url, secret: "" })).toMatchObject({ ok: true, data: { ok: false, reason: "private_address" } });
    actAs(agent);
    allowPrivateTargets(true);
    expect(await sendTestEventAction({ method: "POST", url: receiver.url, secret: "" })).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(receiver.requests).toHaveLength(0);
  });

  it("reports a receiver that cannot be reached", async () => {
    allowPrivateTargets(true);
    const closed = await startForwardingReceiver();
    await closed.close();
    expect(await sendTestEventAction({ method: "POST", url: closed.url, secret: "" })).toMatchObject({ ok: true, data: { ok: false, reason: "network" } });
  });
});

describe("signed media links", () => {
  let messageId: string;
  beforeAll(async () => {
    const [row] = await db
      .insert(messages)
      .values({ workspaceId, conversationId, wamid: "wamid.media.1", direction: "inbound", sender: "customer", type: "image", media: { id: MEDIA_ID, mimeType: "image/jpeg" }, status: "received", sentAt: new Date() })
      .returning();
    messageId = row!.id;
  });
  beforeEach(() => actAs(null));

  const fetchLink = (link: string, id = messageId) => getMedia(new Request(link), { params: Promise.resolve({ messageId: id }) });

  it("serves the media to whoever holds an unexpired link, without a session", async () => {
    const { url } = mediaLink("https://app.test", messageId, new Date());
    const response = await fetchLink(url);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
  });

  it("refuses an expired link with 403", async () => {
    const { url } = mediaLink("https://app.test", messageId, new Date(Date.now() - 25 * 3_600_000));
    const response = await fetchLink(url);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "forbidden:media_link_expired" });
  });

  it("refuses a forged, altered or borrowed signature with 403, and a valid link to nothing with 404", async () => {
    const { url } = mediaLink("https://app.test", messageId, new Date());
    const link = new URL(url);
    const forged = new URL(link);
    forged.searchParams.set("signature", "A".repeat(43));
    expect((await fetchLink(forged.toString())).status).toBe(403);
    const extended = new URL(link);
    extended.searchParams.set("expires", String(Number(link.searchParams.get("expires")) + 86_400));
    expect((await fetchLink(extended.toString())).status).toBe(403);
    // The signature of one message does not open another.
    const [other] = await db
      .insert(messages)
      .values({ workspaceId, conversationId, wamid: "wamid.media.2", direction: "inbound", sender: "customer", type: "image", media: { id: MEDIA_ID }, status: "received", sentAt: new Date() })
      .returning();
    expect((await fetchLink(url.replace(messageId, other!.id), other!.id)).status).toBe(403);
    expect((await fetchLink(`https://app.test/api/media/${messageId}?expires=${link.searchParams.get("expires")}`)).status).toBe(403);

    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await fetchLink(mediaLink("https://app.test", missing, new Date()).url, missing)).status).toBe(404);
  });

  it("still needs a session without a link", async () => {
    expect((await fetchLink(`https://app.test/api/media/${messageId}`)).status).toBe(401);
  });
});
