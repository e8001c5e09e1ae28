import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { retryMessageAction } from "@/app/(dashboard)/inbox/actions";
import { sendTemplateAction } from "@/app/(dashboard)/inbox/template-actions";
import { syncTemplatesAction } from "@/app/(dashboard)/settings/templates/actions";
import { POST as templateMessagesRoute } from "@/app/api/inbox/conversations/[conversationId]/template-messages/route";
import { GET as listTemplatesRoute } from "@/app/api/templates/route";
import { JOB_DEFINITIONS } from "@/lib/composition/job-kinds";
import { handleWebhookBody } from "@/lib/composition/webhook-body";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messages, messageTemplates, whatsappChannels } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/runner";
import { sendFailure } from "@/lib/inbox/send-errors";
import { publish } from "@/lib/realtime/publish";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { listTemplates } from "@/lib/templates/queries";
import { syncTemplates } from "@/lib/templates/sync";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { sampleTemplates, TEMPLATE_ERRORS, type FakeTemplate } from "../fakes/graph-templates";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const published = vi.mocked(publish);

const TOKEN = "test-access-token-templates";
const PHONE_A = "100000000000071";
const WABA_A = "200000000000071";
const PHONE_B = "100000000000072";
const WABA_B = "200000000000072";
const HOUR = 3_600_000;

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
type Who = Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let A: { id: string; admin: Who; agent: Who; otherAgent: Who };
let B: { id: string; admin: Who };

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
  A = { id: a, admin: await member(a, "admin", "Alice Admin"), agent: await member(a, "agent", "Ana Agent"), otherAgent: await member(a, "agent", "Otto Agent") };
  B = { id: b, admin: await member(b, "admin", "Bia Admin") };
  await saveChannel(db, a, { phoneNumberId: PHONE_A, wabaId: WABA_A, displayPhoneNumber: "+55 11 90000-0071", accessToken: TOKEN });
  await saveChannel(db, b, { phoneNumberId: PHONE_B, wabaId: WABA_B, displayPhoneNumber: "+55 11 90000-0072", accessToken: TOKEN });
});
afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
  await graph?.close();
  await connection?.close();
});
beforeEach(async () => {
  published.mockClear();
  graph.failMessages(null);
  graph.templates.failPage(null);
  graph.templates.setPageSize(2);
  graph.templates.set(WABA_A, sampleTemplates());
  graph.templates.set(WABA_B, [{ ...sampleTemplates()[2]!, id: "910000000000001", name: "b_only" }]);
  actAs(A.admin);
});

const templatesOf = (workspaceId: string) => db.select().from(messageTemplates).where(eq(messageTemplates.workspaceId, workspaceId)).orderBy(messageTemplates.metaId);
const templateNamed = async (workspaceId: string, name: string) => (await db.select().from(messageTemplates).where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.name, name))))[0]!;
const listingRequests = () => graph.requests.filter((r) => r.path.endsWith("/message_templates"));

describe("syncing templates from Meta", () => {
  it("follows the cursor over every page, stores each template as Meta describes it, and records when", async () => {
    const before = listingRequests().length;
    const result = await syncTemplatesAction({});
    expect(result).toMatchObject({ ok: true, data: { count: 6, removed: 0 } });
    const requests = listingRequests().slice(before);
    // 6 templates, 2 per page: three pages, the 2nd and 3rd asked for with the previous page's `after` cursor.
    expect(requests).toHaveLength(3);
    expect(requests[0]!.path).toBe(`/v23.0/${WABA_A}/message_templates`);
    expect(requests[0]!.query).toMatchObject({ fields: "name,language,category,status,components,parameter_format,rejected_reason,id", limit: "100" });
    expect(requests[0]!.query.after).toBeUndefined();
    expect(requests[1]!.query.after).toBeTruthy();
    expect(requests[2]!.query.after).not.toBe(requests[1]!.query.after);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const rows = await templatesOf(A.id);
    expect(rows.map((r) => r.name).sort()).toEqual(["appointment_confirmation", "hello_world", "order_shipped", "payment_reminder", "summer_sale", "welcome_offer"]);
    expect(await templateNamed(A.id, "welcome_offer")).toMatchObject({ metaId: "900000000000002", language: "pt_BR", category: "marketing", status: "approved", parameterFormat: "named" });
    expect(await templateNamed(A.id, "payment_reminder")).toMatchObject({ status: "rejected", statusReason: "INVALID_FORMAT" });
    expect((await templateNamed(A.id, "order_shipped")).components).toEqual(sampleTemplates()[0]!.components);
    const [channel] = await db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, A.id));
    expect(channel!.templatesSyncedAt).toBeInstanceOf(Date);
    // B's account is B's alone.
    expect(await templatesOf(B.id)).toEqual([]);
  });

  it("updates changed templates in place and deletes those Meta no longer lists, after a complete sync only", async () => {
    await syncTemplates(db, A.id);
    const kept = await templateNamed(A.id, "hello_world");
    const [first, ...rest] = sampleTemplates();
    graph.templates.set(WABA_A, [{ ...first!, status: "PAUSED" }, ...rest.filter((t) => t.name !== "summer_sale")]);
    const result = await syncTemplates(db, A.id);
    expect(result).toMatchObject({ ok: true, count: 5, removed: 1 });
    expect((await templatesOf(A.id)).map((r) => r.name)).not.toContain("summer_sale");
    expect((await templateNamed(A.id, "order_shipped")).status).toBe("paused");
    // Upserted by Meta id: the row (and its id, which a picker may hold) stays the same.
    expect((await templateNamed(A.id, "hello_world")).id).toBe(kept.id);
  });

  it("leaves every stored template untouched when a page fails midway, and says why in words", async () => {
    await syncTemplates(db, A.id);
    const before = await templatesOf(A.id);
    graph.templates.set(WABA_A, sampleTemplates().slice(0, 3));
    graph.templates.failPage(2, { status: 500, code: 2, message: "Service temporarily unavailable", type: "OAuthException" });
    const result = await syncTemplatesAction({});
    expect(result).toMatchObject({ ok: false, code: "unavailable:templates" });
    expect(result.ok ? "" : result.error).toContain("Service temporarily unavailable");
    expect(await templatesOf(A.id)).toEqual(before);
  });

  it("says so when WhatsApp is not connected, and when Meta cannot be reached", async () => {
    const c = (await createWorkspace(db, { name: "C" })).id;
    expect(await syncTemplates(db, c)).toMatchObject({ ok: false, reason: "not_configured" });
    process.env.WHATSAPP_GRAPH_URL = "http://127.0.0.1:9/v23.0";
    resetEnvCache();
    try {
      expect(await syncTemplates(db, A.id)).toMatchObject({ ok: false, reason: "network" });
    } finally {
      process.env.WHATSAPP_GRAPH_URL = graph.url;
      resetEnvCache();
    }
  });

  it("searches stored templates by name or language, taking % and NUL as plain text", async () => {
    await syncTemplates(db, A.id);
    expect((await listTemplates(db, A.id, { search: "ORDER" })).map((t) => t.name)).toEqual(["order_shipped"]);
    expect((await listTemplates(db, A.id, { search: "en_us" })).map((t) => t.name)).toEqual(["hello_world"]);
    expect(await listTemplates(db, A.id, { search: "%" })).toEqual([]);
    expect((await listTemplates(db, A.id, { search: "hello\u0000" })).map((t) => t.name)).toEqual(["hello_world"]);
    expect(await listTemplates(db, B.id, { search: "order" })).toEqual([]);
  });

  it("is for admins only: an agent gets not found and nothing is read", async () => {
    actAs(A.agent);
    const before = listingRequests().length;
    expect(await syncTemplatesAction({})).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(listingRequests().length).toBe(before);
  });
});

function statusWebhook(wabaId: string, value: Record<string, unknown>) {
  return { object: "whatsapp_business_account", entry: [{ id: wabaId, time: 1_700_000_000, changes: [{ field: "message_template_status_update", value }] }] };
}

describe("the message_template_status_update webhook", () => {
  it("updates the template's status at once and enqueues one full sync for the workspace", async () => {
    await syncTemplates(db, A.id);
    await db.delete(jobs);
    const logs: string[] = [];
    const outcome = await handleWebhookBody(
      db,
      statusWebhook(WABA_A, { event: "PAUSED", message_template_id: 900000000000001, message_template_name: "order_shipped", message_template_language: "pt_BR", reason: "LOW_QUALITY" }),
      (message) => logs.push(message),
    );
    expect(outcome.jobsEnqueued).toBe(1);
    expect(logs).toEqual([]);
    expect(await templateNamed(A.id, "order_shipped")).toMatchObject({ status: "paused", statusReason: "LOW_QUALITY" });
    expect(await templateNamed(A.id, "hello_world")).toMatchObject({ status: "approved" });
    // A second event while the sync waits joins it.
    await handleWebhookBody(db, statusWebhook(WABA_A, { event: "APPROVED", message_template_id: "900000000000003", reason: "NONE" }), () => {});
    const pending = await db.select().from(jobs).where(eq(jobs.kind, "sync-templates"));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.workspaceId).toBe(A.id);

    // The job reads Meta's truth: a template Meta added since shows up, the paused one stays paused there.
    graph.templates.set(WABA_A, [...sampleTemplates().map((t) => (t.name === "order_shipped" ? { ...t, status: "PAUSED" } : t)), extraTemplate()]);
    const summary = await runDueJobs(db, JOB_DEFINITIONS);
    expect(summary).toMatchObject({ succeeded: 1 });
    expect((await templatesOf(A.id)).map((r) => r.name)).toContain("new_arrival");
    expect(await templateNamed(A.id, "order_shipped")).toMatchObject({ status: "paused" });
  });

  it("ignores an account no workspace has, and an event without a template id, answering without error", async () => {
    const logs: string[] = [];
    const outcome = await handleWebhookBody(db, statusWebhook("999999999999999", { event: "APPROVED", message_template_id: "1", reason: "NONE" }), (message) => logs.push(message));
    expect(outcome.jobsEnqueued).toBe(0);
    expect(logs).toContain("unknown WhatsApp Business Account");
    const bad = await handleWebhookBody(db, statusWebhook(WABA_A, { event: "APPROVED" }), () => {});
    expect(bad.jobsEnqueued).toBe(0);
  });

  it("changes only the workspace of that account", async () => {
    await syncTemplates(db, A.id);
    await syncTemplates(db, B.id);
    await handleWebhookBody(db, statusWebhook(WABA_B, { event: "DISABLED", message_template_id: "910000000000001", reason: "NONE" }), () => {});
    expect(await templateNamed(B.id, "b_only")).toMatchObject({ status: "disabled", statusReason: null });
    expect(await templateNamed(A.id, "hello_world")).toMatchObject({ status: "approved" });
  });
});

function extraTemplate(): FakeTemplate {
  return { id: "900000000000099", name: "new_arrival", language: "pt_BR", category: "MARKETING", status: "APPROVED", components: [{ type: "BODY", text: "Chegou novidade!" }] };
}

let waSeq = 0;
async function seedConversation(workspaceId: string, o: { lastInboundAt?: Date | null; assignedUserId?: string | null } = {}) {
  const waId = `55119871${String(10_000 + ++waSeq).padStart(5, "0")}`;
  const [contact] = await db.insert(contacts).values({ workspaceId, waId, profileName: "Maria Souza" }).returning();
  const lastInboundAt = o.lastInboundAt === undefined ? new Date(Date.now() - 48 * HOUR) : o.lastInboundAt;
  const [conversation] = await db
    .insert(conversations)
    .values({ workspaceId, contactId: contact!.id, assignedUserId: o.assignedUserId ?? null, lastMessageAt: new Date(Date.now() - 48 * HOUR), lastInboundAt })
    .returning();
  return { waId, conversation: conversation! };
}

const messagesOf = (conversationId: string) => db.select().from(messages).where(eq(messages.conversationId, conversationId));
const lastSend = () => graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).at(-1);

describe("sending a template", () => {
  beforeEach(async () => {
    await syncTemplates(db, A.id);
    actAs(A.agent);
  });

  it("sends a positional template outside the 24-hour window with header, body and URL button parameters, and stores what the customer sees", async () => {
    const { waId, conversation } = await seedConversation(A.id);
    const template = await templateNamed(A.id, "order_shipped");
    const result = await sendTemplateAction({
      conversationId: conversation.id,
      templateId: template.id,
      params: { "header:1": "#1234", "body:1": " Maria ", "body:2": "#1234", "button:0": "1234" },
    });
    expect(result).toMatchObject({ ok: true, data: { type: "template", status: "sent", text: "Olá Maria, seu pedido #1234 saiu para entrega.", direction: "outbound", sender: "agent" } });
    expect(lastSend()!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "template",
      template: {
        name: "order_shipped",
        language: { code: "pt_BR" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "#1234" }] },
          { type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "#1234" }] },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "1234" }] },
        ],
      },
    });
    const [row] = await messagesOf(conversation.id);
    expect(row!.wamid).toMatch(/^wamid\./);
    expect(row!.payload).toMatchObject({
      template: {
        name: "order_shipped",
        language: "pt_BR",
        header: { type: "text", text: "Pedido #1234" },
        footer: "Loja Demo",
        buttons: [
          { type: "URL", text: "Rastrear", url: "https://loja.example.com/rastreio/1234" },
          { type: "QUICK_REPLY", text: "Falar com atendente" },
        ],
      },
    });
    const [after] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after).toMatchObject({ lastMessageType: "template", lastMessagePreview: "Olá Maria, seu pedido #1234 saiu para entrega.", lastMessageDirection: "outbound" });
    expect(published).toHaveBeenCalled();
  });

  it("sends a named template with parameter_name and an image header by link, even to a customer who never wrote", async () => {
    const { conversation } = await seedConversation(A.id, { lastInboundAt: null });
    const template = await templateNamed(A.id, "welcome_offer");
    const result = await sendTemplateAction({
      conversationId: conversation.id,
      templateId: template.id,
      params: { "body:first_name": "Maria", "body:coupon": "BEMVINDO10" },
      headerMedia: { link: "https://cdn.example.com/oferta.jpg" },
    });
    expect(result).toMatchObject({ ok: true, data: { status: "sent", text: "Oi Maria! Use o cupom BEMVINDO10 na sua próxima compra." } });
    expect((lastSend()!.body as { template: unknown }).template).toEqual({
      name: "welcome_offer",
      language: { code: "pt_BR" },
      components: [
        { type: "header", parameters: [{ type: "image", image: { link: "https://cdn.example.com/oferta.jpg" } }] },
        {
          type: "body",
          parameters: [
            { type: "text", parameter_name: "first_name", text: "Maria" },
            { type: "text", parameter_name: "coupon", text: "BEMVINDO10" },
          ],
        },
      ],
    });
  });

  it("refuses values Meta would refuse as field errors, before anything is stored or sent", async () => {
    const { conversation } = await seedConversation(A.id);
    const before = graph.requests.length;
    const shipped = await templateNamed(A.id, "order_shipped");
    const missing = await sendTemplateAction({ conversationId: conversation.id, templateId: shipped.id, params: { "header:1": "#1", "body:1": "Maria\nSouza" } });
    expect(missing).toMatchObject({ ok: false, code: "bad_request:fields" });
    expect(Object.keys(missing.ok ? {} : missing.fieldErrors!).sort()).toEqual(["params.body:1", "params.body:2", "params.button:0"]);
    const offer = await templateNamed(A.id, "welcome_offer");
    const badLink = await sendTemplateAction({
      conversationId: conversation.id,
      templateId: offer.id,
      params: { "body:first_name": "M", "body:coupon": "X" },
      headerMedia: { link: "http://insecure.example.com/a.jpg" },
    });
    expect(badLink).toMatchObject({ ok: false, fieldErrors: { headerMedia: expect.any(String) } });
    const huge = await sendTemplateAction({ conversationId: conversation.id, templateId: offer.id, params: { "body:first_name": "x".repeat(5000) } as Record<string, string> });
    expect(huge).toMatchObject({ ok: false, code: "bad_request:fields" });
    const nul = await sendTemplateAction({
      conversationId: conversation.id,
      templateId: offer.id,
      params: { "body:first_name": "Ma\u0000ria", "body:coupon": "X" },
      headerMedia: { link: "https://cdn.example.com/a.jpg", filename: "a\u0000" },
    });
    expect(nul).toMatchObject({ ok: false, fieldErrors: { "params.body:first_name": expect.any(String), headerMedia: expect.any(String) } });
    const wrongTypes = await sendTemplateAction({ conversationId: conversation.id, templateId: offer.id, params: { "body:first_name": 5 } as unknown as Record<string, string> });
    expect(wrongTypes).toMatchObject({ ok: false, code: "bad_request:fields" });
    expect(graph.requests.length).toBe(before);
    expect(await messagesOf(conversation.id)).toEqual([]);
  });

  it("refuses a template that is not approved with words, and another workspace's template or a made-up id as not found", async () => {
    const { conversation } = await seedConversation(A.id);
    const paused = await templateNamed(A.id, "summer_sale");
    expect(await sendTemplateAction({ conversationId: conversation.id, templateId: paused.id, params: {} })).toMatchObject({ ok: false, code: "conflict:template" });
    await syncTemplates(db, B.id);
    const foreign = await templateNamed(B.id, "b_only");
    expect(await sendTemplateAction({ conversationId: conversation.id, templateId: foreign.id, params: {} })).toMatchObject({ ok: false, code: "not_found:template" });
    expect(await sendTemplateAction({ conversationId: conversation.id, templateId: "not-a-uuid", params: {} })).toMatchObject({ ok: false, code: "not_found:template" });
    expect(await messagesOf(conversation.id)).toEqual([]);
  });

  it("refuses a chat the agent may not see (restricted to assigned chats) and another workspace's chat as not found", async () => {
    await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: true, autoAssign: false, method: "round_robin" }, null);
    try {
      const { conversation } = await seedConversation(A.id, { assignedUserId: A.otherAgent.userId });
      const hello = await templateNamed(A.id, "hello_world");
      expect(await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} })).toMatchObject({ ok: false, code: "not_found:conversation" });
      actAs(A.otherAgent);
      expect(await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} })).toMatchObject({ ok: true });
      actAs(B.admin);
      expect(await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} })).toMatchObject({ ok: false, code: "not_found:conversation" });
    } finally {
      await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: false, autoAssign: false, method: "round_robin" }, null);
    }
  });

  it.each([
    ["a template Meta no longer has", () => TEMPLATE_ERRORS.missing("hello_world", "en_US"), 132001, "templateMissing"],
    ["a paused template", () => TEMPLATE_ERRORS.paused(), 132015, "templatePaused"],
    ["a disabled template", () => TEMPLATE_ERRORS.disabled(), 132016, "templateDisabled"],
    ["the wrong number of parameters", () => TEMPLATE_ERRORS.paramCount("body", 0, 1), 132000, "templateParams"],
    ["a parameter format mismatch", () => TEMPLATE_ERRORS.paramFormat("header: Format mismatch"), 132012, "templateParams"],
    ["a customer not on WhatsApp", () => TEMPLATE_ERRORS.undeliverable(), 131026, "undeliverable"],
    ["the number's rate limit", () => TEMPLATE_ERRORS.rateLimited(), 130429, "rateLimited"],
    ["the pair rate limit", () => TEMPLATE_ERRORS.pairRateLimited(), 131056, "rateLimited"],
  ] as const)("stores Meta's refusal for %s as a failed message with its code, and a retry resends the same request", async (_name, error, code, key) => {
    const { conversation } = await seedConversation(A.id);
    const hello = await templateNamed(A.id, "hello_world");
    graph.failMessages(error());
    const result = await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} });
    expect(result).toMatchObject({ ok: true, data: { status: "failed", error: { code } } });
    expect(sendFailure(result.ok ? result.data.error : null)).toEqual({ key });
    const firstRequest = lastSend()!.body;

    graph.failMessages(null);
    const retried = await retryMessageAction({ messageId: result.ok ? result.data.id : "" });
    expect(retried).toMatchObject({ ok: true, data: { status: "sent", type: "template" } });
    expect(lastSend()!.body).toEqual(firstRequest);
    expect(await messagesOf(conversation.id)).toHaveLength(1);
  });

  it("gets Meta's own checks from the fake: a template deleted on Meta since the last sync fails with 132001, a wrong parameter count with 132000", async () => {
    const { conversation } = await seedConversation(A.id);
    const hello = await templateNamed(A.id, "hello_world");
    graph.templates.set(WABA_A, sampleTemplates().filter((t) => t.name !== "hello_world"));
    const gone = await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} });
    expect(gone).toMatchObject({ ok: true, data: { status: "failed", error: { code: 132001 } } });
    // The stored copy says the body has no variables; Meta's now has one.
    graph.templates.set(WABA_A, [...sampleTemplates().filter((t) => t.name !== "hello_world"), { ...sampleTemplates()[2]!, components: [{ type: "BODY", text: "Hi {{1}}" }] }]);
    const count = await sendTemplateAction({ conversationId: conversation.id, templateId: hello.id, params: {} });
    expect(count).toMatchObject({ ok: true, data: { status: "failed", error: { code: 132000 } } });
  });

  it("sends through the route too, with the same refusals: a chat the agent may not see or another workspace's template is not found", async () => {
    const post = (conversationId: string, body: unknown) =>
      templateMessagesRoute(new Request("http://localhost/x", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }), { params: Promise.resolve({ conversationId }) });
    const hello = await templateNamed(A.id, "hello_world");
    const { conversation } = await seedConversation(A.id, { assignedUserId: A.otherAgent.userId });
    const sent = await post(conversation.id, { templateId: hello.id, params: {} });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ type: "template", status: "sent" });
    expect((await post(conversation.id, "{not json")).status).toBe(400);
    const shipped = await templateNamed(A.id, "order_shipped");
    const fields = await post(conversation.id, { templateId: shipped.id, params: {} });
    expect(fields.status).toBe(400);
    expect(await fields.json()).toMatchObject({ error: "bad_request:fields" });

    await syncTemplates(db, B.id);
    const foreign = await templateNamed(B.id, "b_only");
    expect((await post(conversation.id, { templateId: foreign.id, params: {} })).status).toBe(404);

    await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: true, autoAssign: false, method: "round_robin" }, null);
    try {
      const before = graph.requests.length;
      const hidden = await post(conversation.id, { templateId: hello.id, params: {} });
      expect(hidden.status).toBe(404);
      expect(await hidden.json()).toEqual({ error: "not_found:conversation" });
      expect(graph.requests.length).toBe(before);
    } finally {
      await saveSettings(db, A.id, supportAgentSection, { restrictToAssigned: false, autoAssign: false, method: "round_robin" }, null);
    }
  });

  it("lists the workspace's templates on the picker's route for any member, and only theirs", async () => {
    actAs(A.agent);
    const response = await listTemplatesRoute(new Request("http://localhost/api/templates"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { name: string; status: string }[] };
    expect(body.items.map((i) => i.name)).toContain("order_shipped");
    expect(body.items.map((i) => i.name)).not.toContain("b_only");
    actAs(null);
    const anonymous = await listTemplatesRoute(new Request("http://localhost/api/templates"), { params: Promise.resolve({}) });
    expect(anonymous.status).toBe(401);
  });
});
