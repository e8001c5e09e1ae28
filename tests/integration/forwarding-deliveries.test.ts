import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { retryDeliveryAction } from "@/app/(dashboard)/settings/webhook-forwarding/actions";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messages, settings, webhookDeliveries, type DeliveryStatus } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { listDeliveries } from "@/lib/forwarding/deliveries";
import { createForwardMessageJob } from "@/lib/forwarding/job";
import { FORWARD_JOB_KIND } from "@/lib/forwarding/job-kind";
import { webhookForwardingSection } from "@/lib/forwarding/settings";
import { runDueJobs } from "@/lib/jobs/runner";
import { getSettings, getSettingsForForm, saveSettings } from "@/lib/settings/stored-section";
import { startForwardingReceiver, type ForwardingReceiver } from "../fakes/forwarding-receiver";
import { flushAfter } from "../support/after-queue";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// "Retry now" runs due jobs in after(); here the tests run them, so the queue can be inspected first.
vi.mock("@/lib/composition/drain-jobs", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/composition/drain-jobs")>()),
  drainDueJobs: vi.fn(async () => null),
}));

type Actor = { userId: string; workspaceId: string; role: "admin" | "agent" };

let connection: DbConnection;
let db: Db;
let receiver: ForwardingReceiver;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Actor;
let agent: Actor;
let otherAdmin: Actor;
let conversationId: string;
let otherConversationId: string;

async function conversationIn(ws: string, waId: string, name: string) {
  const [contact] = await db.insert(contacts).values({ workspaceId: ws, waId, profileName: name }).returning();
  return (await db.insert(conversations).values({ workspaceId: ws, contactId: contact!.id }).returning())[0]!.id;
}

beforeAll(async () => {
  vi.stubEnv("ALLOW_PRIVATE_WEBHOOK_TARGETS", "1");
  resetEnvCache();
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  receiver = await startForwardingReceiver();
  workspaceId = (await createWorkspace(db)).id;
  otherWorkspaceId = (await createWorkspace(db)).id;
  admin = { ...(await createMember(db, { workspaceId, role: "admin" })), workspaceId, role: "admin" };
  agent = { ...(await createMember(db, { workspaceId, role: "agent" })), workspaceId, role: "agent" };
  otherAdmin = { ...(await createMember(db, { workspaceId: otherWorkspaceId, role: "admin" })), workspaceId: otherWorkspaceId, role: "admin" };
  conversationId = await conversationIn(workspaceId, "5511900007777", "Duda");
  otherConversationId = await conversationIn(otherWorkspaceId, "5511900008888", "Edu");
});
afterAll(async () => {
  actAs(null);
  vi.unstubAllEnvs();
  resetEnvCache();
  await receiver?.close();
  await connection?.close();
});
beforeEach(() => {
  receiver.reset();
  actAs(admin);
});

let counter = 0;
/** A delivery as the inbound path and the job leave it, created at a given time. */
async function delivery(ws: string, status: DeliveryStatus, createdAt: Date, extra: Partial<typeof webhookDeliveries.$inferInsert> = {}) {
  const [message] = await db
    .insert(messages)
    .values({
      workspaceId: ws, conversationId: ws === workspaceId ? conversationId : otherConversationId, wamid: `wamid.deliveries.${++counter}`,
      direction: "inbound", sender: "customer", type: "text", text: `m${counter}`, status: "received", sentAt: createdAt,
    })
    .returning();
  const [row] = await db.insert(webhookDeliveries).values({ workspaceId: ws, messageId: message!.id, status, createdAt, ...extra }).returning();
  return row!;
}

const rowOf = async (id: string) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const jobsOf = (id: string) => db.select().from(jobs).where(sql`${jobs.payload}->>'deliveryId' = ${id}`);

describe("the webhook forwarding section", () => {
  it("is off by default, with POST, no URL and no secret", async () => {
    expect(await getSettings(db, otherWorkspaceId, webhookForwardingSection)).toEqual({ enabled: false, method: "POST", url: "", secret: "" });
  });

  it("keeps the secret encrypted and masked, keeps it when saved empty, and leaves the other workspace alone", async () => {
    const values = { enabled: true, method: "GET" as const, url: receiver.url, secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0" };
    expect(await saveSettingsAction({ section: "webhook-forwarding", values })).toMatchObject({ ok: true });
    expect(await saveSettingsAction({ section: "webhook-forwarding", values: { ...values, secret: "" } })).toMatchObject({ ok: true });
    const form = await getSettingsForForm(db, workspaceId, webhookForwardingSection);
    expect(form.values).toEqual({ ...values, secret: "" });
    expect(form.masks.secret).toBe(`whse••••••••${values.secret.slice(-4)}`);
    expect((await getSettings(db, workspaceId, webhookForwardingSection)).secret).toBe(values.secret);
    const [raw] = await db.select().from(settings).where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, "webhook-forwarding")));
    expect(raw!.value.secret).toMatch(/^v1:/);
    expect(await getSettings(db, otherWorkspaceId, webhookForwardingSection)).toMatchObject({ enabled: false, url: "" });
  });
});

describe("the deliveries list", () => {
  it("pages the workspace's deliveries newest first, with the message's type and sender, filtered by status", async () => {
    const base = Date.parse("2026-03-01T12:00:00Z");
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await delivery(workspaceId, i % 2 ? "failed" : "delivered", new Date(base + i * 60_000), { attempts: i })).id);
    await delivery(otherWorkspaceId, "failed", new Date(base + 3_600_000));

    const first = await listDeliveries(db, workspaceId, { limit: 3 });
    expect(first.items.map((d) => d.id)).toEqual(made.slice(-3).reverse());
    expect(first.items[0]).toMatchObject({ status: "delivered", attempts: 6, message: { type: "text", senderWaId: "5511900007777", senderName: "Duda" } });
    const second = await listDeliveries(db, workspaceId, { limit: 3, cursor: first.nextCursor! });
    const third = await listDeliveries(db, workspaceId, { limit: 3, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((d) => d.id)).toEqual([...made].reverse());
    expect(third.nextCursor).toBeNull();

    const failed = await listDeliveries(db, workspaceId, { status: "failed" });
    expect(failed.items.map((d) => d.id)).toEqual([made[5], made[3], made[1]]);
    expect((await listDeliveries(db, otherWorkspaceId)).items).toHaveLength(1);
  });

  it("keeps a delivery whose message chat cleanup deleted, without its message", async () => {
    const kept = await delivery(workspaceId, "failed", new Date("2026-04-01T00:00:00Z"));
    await db.delete(messages).where(eq(messages.id, kept.messageId!));
    const item = (await listDeliveries(db, workspaceId)).items.find((d) => d.id === kept.id);
    expect(item).toMatchObject({ status: "failed", message: null });
  });
});

describe("Retry now", () => {
  it("puts a failed delivery back to pending with a job due now, which then delivers it", async () => {
    await saveSettings(db, workspaceId, webhookForwardingSection, { enabled: true, method: "POST", url: receiver.url, secret: "" }, null);
    const failed = await delivery(workspaceId, "failed", new Date(), { attempts: 20, lastError: "timeout: no answer within 10000 ms" });
    const result = await retryDeliveryAction({ deliveryId: failed.id });
    await flushAfter();
    expect(result).toMatchObject({ ok: true });
    expect(await rowOf(failed.id)).toMatchObject({ status: "pending", attempts: 20 });
    expect(await jobsOf(failed.id)).toMatchObject([{ kind: FORWARD_JOB_KIND, status: "pending", workspaceId }]);

    // A second click while it is pending queues nothing more.
    expect(await retryDeliveryAction({ deliveryId: failed.id })).toMatchObject({ ok: false, code: "conflict:delivery", error: "Only a failed delivery can be retried." });
    expect(await jobsOf(failed.id)).toHaveLength(1);

    await runDueJobs(db, [createForwardMessageJob()]);
    expect(await rowOf(failed.id)).toMatchObject({ status: "delivered", attempts: 21, lastError: null, lastStatusCode: 200 });
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual([failed.id]);
  });

  it("refuses a delivery that has not failed", async () => {
    const delivered = await delivery(workspaceId, "delivered", new Date());
    expect(await retryDeliveryAction({ deliveryId: delivered.id })).toMatchObject({ ok: false, code: "conflict:delivery" });
    expect(await jobsOf(delivered.id)).toHaveLength(0);
  });

  it("answers not found for another workspace's delivery or a forged id, changing nothing", async () => {
    const theirs = await delivery(otherWorkspaceId, "failed", new Date());
    expect(await retryDeliveryAction({ deliveryId: theirs.id })).toMatchObject({ ok: false, code: "not_found:delivery" });
    expect(await retryDeliveryAction({ deliveryId: "not-a-uuid" })).toMatchObject({ ok: false, code: "not_found:delivery" });
    expect(await rowOf(theirs.id)).toMatchObject({ status: "failed" });
    expect(await jobsOf(theirs.id)).toHaveLength(0);
    actAs(otherAdmin);
    expect(await retryDeliveryAction({ deliveryId: theirs.id })).toMatchObject({ ok: true });
  });

  it("is refused to an agent", async () => {
    const failed = await delivery(workspaceId, "failed", new Date());
    actAs(agent);
    expect(await retryDeliveryAction({ deliveryId: failed.id })).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await rowOf(failed.id)).toMatchObject({ status: "failed" });
  });
});
