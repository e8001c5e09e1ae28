import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callWebhook } from "../support/webhook-endpoint";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, leadSources, leads } from "@/lib/db/schema";
import { adPlatform } from "@/lib/leads/auto-lead";
import { userChannel } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { autoLeadSection, type AutoLeadSettings } from "@/lib/settings/auto-lead";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { createMember, createWorkspace } from "../support/factories";
import { useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { flushAfter } from "../support/after-queue";
import { fixture, signedRequest, textMessage, webhookBody } from "../support/webhook";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

let connection: DbConnection;
const db = () => connection.db;
let phone = 100000000000700;

async function workspace(settings: Partial<AutoLeadSettings> | null) {
  const workspaceId = (await createWorkspace(db())).id;
  const phoneNumberId = String(phone++);
  await saveChannel(db(), workspaceId, { phoneNumberId, wabaId: "1000001", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t" });
  if (settings) {
    await saveSettings(db(), workspaceId, autoLeadSection, { enabled: true, status: "new", sourceId: null, assigneeUserId: null, unassignedMode: "none", ...settings }, null);
  }
  return { workspaceId, phoneNumberId };
}

const deliver = async (body: unknown) => {
  expect((await callWebhook(signedRequest(body))).status).toBe(200);
  await flushAfter();
};
const sourceId = async (workspaceId: string, key: string) =>
  (await db().select().from(leadSources).where(and(eq(leadSources.workspaceId, workspaceId), eq(leadSources.systemKey, key))))[0]!.id;
const leadsOf = (workspaceId: string) =>
  db().select({ lead: leads, waId: contacts.waId }).from(leads).innerJoin(contacts, eq(contacts.id, leads.contactId)).where(eq(leads.workspaceId, workspaceId));

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
});
afterAll(() => connection.close());

describe("lead sources", () => {
  it("exist in every new workspace: WhatsApp, Facebook, Instagram and Website", async () => {
    const { workspaceId } = await workspace(null);
    const rows = await db().select().from(leadSources).where(eq(leadSources.workspaceId, workspaceId));
    expect(rows.map((r) => r.systemKey).sort()).toEqual(["facebook", "instagram", "website", "whatsapp"]);
  });
});

describe("automatic lead capture", () => {
  it("creates no lead when it is off", async () => {
    const { workspaceId, phoneNumberId } = await workspace(null);
    await deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110000", `wamid.off.${workspaceId}`, "oi")] }));
    expect(await leadsOf(workspaceId)).toEqual([]);
  });

  it("turns a new contact's first message into one lead with the configured status, source and assignee", async () => {
    const { workspaceId, phoneNumberId } = await workspace(null);
    const agent = await createMember(db(), { workspaceId, role: "agent" });
    const website = await sourceId(workspaceId, "website");
    await saveSettings(db(), workspaceId, autoLeadSection, { enabled: true, status: "contacted", sourceId: website, assigneeUserId: agent.userId, unassignedMode: "none" }, null);
    await deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110001", `wamid.on.${workspaceId}.1`, "oi")] }));
    await deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110001", `wamid.on.${workspaceId}.2`, "tudo bem?")] }));
    const rows = await leadsOf(workspaceId);
    expect(rows).toHaveLength(1);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.workspaceId, workspaceId));
    expect(rows[0]!.lead).toMatchObject({ status: "contacted", sourceId: website, assignedUserId: agent.userId, conversationId: conversation!.id });
    // The assignee is told once, on the message that created the lead.
    const told = vi.mocked(publish).mock.calls.flatMap(([batch]) => batch.filter((e) => e.name === "lead.assigned" && e.channel === userChannel(agent.userId)));
    expect(told).toEqual([expect.objectContaining({ data: { leadId: rows[0]!.lead.id, toUserId: agent.userId, contactName: "5511911110001" } })]);
    // Open lead lists and reports hear about the new lead and refresh.
    const created = vi.mocked(publish).mock.calls.flatMap(([batch]) => batch.filter((e) => e.name === "lead.created"));
    expect(created.map((e) => e.data)).toEqual([{ leadId: rows[0]!.lead.id }]);
  });

  it("gives an ad's lead the ad platform's source and keeps the ad's id, headline and click id", async () => {
    const { workspaceId, phoneNumberId } = await workspace({});
    const body = fixture("click-to-whatsapp-ad.json") as ReturnType<typeof webhookBody>;
    body.entry[0]!.changes[0]!.value.metadata.phone_number_id = phoneNumberId;
    await deliver(body);
    const [row] = await leadsOf(workspaceId);
    expect(row!.lead).toMatchObject({
      sourceId: await sourceId(workspaceId, "facebook"),
      adId: "120210000000000001",
      adHeadline: "Plano anual com 30% de desconto",
      ctwaClid: expect.stringMatching(/^ARAk/),
    });
  });

  it("reads the ad platform from the source URL", () => {
    expect(adPlatform({ source_type: "ad", source_url: "https://fb.me/3bXq9ZK1a" })).toBe("facebook");
    expect(adPlatform({ source_type: "ad", source_url: "https://www.instagram.com/p/abc" })).toBe("instagram");
    expect(adPlatform({ source_type: "post", source_url: "https://fb.me/x" })).toBeNull();
    expect(adPlatform(undefined)).toBeNull();
  });

  it("uses the WhatsApp source when none is configured, or when the configured one belongs to another workspace", async () => {
    const other = await workspace(null);
    const { workspaceId, phoneNumberId } = await workspace({ sourceId: await sourceId(other.workspaceId, "website") });
    await deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110003", `wamid.src.${workspaceId}`, "oi")] }));
    expect((await leadsOf(workspaceId))[0]!.lead.sourceId).toBe(await sourceId(workspaceId, "whatsapp"));
  });

  it("creates one lead under concurrent duplicate deliveries and concurrent first messages", async () => {
    const { workspaceId, phoneNumberId } = await workspace({});
    const same = webhookBody(phoneNumberId, { messages: [textMessage("5511911110004", `wamid.dup.${workspaceId}`, "oi")] });
    await Promise.all([
      ...Array.from({ length: 6 }, () => deliver(same)),
      ...Array.from({ length: 6 }, (_, i) => deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110004", `wamid.dup.${workspaceId}.${i}`, "oi")] }))),
    ]);
    expect(await leadsOf(workspaceId)).toHaveLength(1);
  });

  it("with round robin, gives the lead to the agent the chat was assigned to", async () => {
    const { workspaceId, phoneNumberId } = await workspace({ unassignedMode: "round_robin" });
    await createMember(db(), { workspaceId, role: "agent" });
    await deliver(webhookBody(phoneNumberId, { messages: [textMessage("5511911110005", `wamid.rr.${workspaceId}`, "oi")] }));
    const [conversation] = await db().select().from(conversations).where(eq(conversations.workspaceId, workspaceId));
    const [row] = await leadsOf(workspaceId);
    expect(conversation!.assignedUserId).toBeTruthy();
    expect(row!.lead.assignedUserId).toBe(conversation!.assignedUserId);
  });
});
