import { and, eq } from "drizzle-orm";
import { businessHoursSection, type BusinessHours } from "@/lib/business-hours/schedule";
import { NO_ACTIONS } from "@/lib/bots/rules/definition";
import { stopBotSection } from "@/lib/bots/stop-bot-settings";
import { JOB_DEFINITIONS } from "@/lib/composition/job-kinds";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messageBots, messages } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/runner";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { flushAfter } from "./after-queue";
import { createWorkspace } from "./factories";
import { useDatabase as bindDatabase } from "./request-context";
import { createTestDb } from "./test-db";
import { signedRequest, webhookBody } from "./webhook";
import { callWebhook } from "./webhook-endpoint";

/**
 * What the rule-bot integration tests share: a workspace with a connected
 * number, the Graph API fake, signed webhooks through the real route, bots
 * inserted as rows, and jobs run by the test's own clock. The files mock
 * lib/composition/drain-jobs, so the jobs a webhook enqueues run only when a
 * test calls `drain(at)`.
 */

export const TOKEN = "test-access-token-rule-bots";
export const SECOND = 1000;
export const HOUR = 3_600_000;
/** Every day, the whole day: no away message unless a test says otherwise. */
export const ALWAYS_OPEN: BusinessHours = { intervals: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "00:00" })), holidays: [] };

export type RuleBotsWorld = Awaited<ReturnType<typeof ruleBotsWorld>>;

let seq = 0;

export async function ruleBotsWorld(options: { phone: string; name?: string }) {
  const connection: DbConnection = await createTestDb();
  const db: Db = connection.db;
  bindDatabase(db);
  const graph: GraphFake = await startGraphFake();
  graph.setToken(TOKEN);
  graph.setPhoneNumber(options.phone, { verified_name: "Loja", display_phone_number: "+55 11 90000-0000" });
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  const workspace = await createWorkspace(db, { name: options.name ?? "Loja Bots" });
  const workspaceId = workspace.id;
  await saveChannel(db, workspaceId, { phoneNumberId: options.phone, wabaId: `2${options.phone.slice(1)}`, displayPhoneNumber: "+55 11 90000-0000", accessToken: TOKEN });
  await saveSettings(db, workspaceId, stopBotSection, { keywords: ["pare", "parar"], restartAfterHours: 2 }, null);

  /** Before each test: no bots, no jobs, open all day, nothing sent. */
  async function reset() {
    await db.delete(jobs);
    await db.delete(messageBots).where(eq(messageBots.workspaceId, workspaceId));
    await saveSettings(db, workspaceId, businessHoursSection, ALWAYS_OPEN, null);
    graph.requests.length = 0;
    graph.failMessages(null);
    graph.beforeMessageReply(null);
  }

  const unixNow = () => Math.floor(Date.now() / 1000);
  const text = (from: string, body: string, timestamp = unixNow()) => ({ from, id: `wamid.rb.${++seq}.${Date.now()}`, timestamp: String(timestamp), type: "text", text: { body } });
  const tap = (from: string, id: string, title: string, kind: "button_reply" | "list_reply" = "button_reply") => ({
    from,
    id: `wamid.rb.${++seq}.${Date.now()}`,
    timestamp: String(unixNow()),
    type: "interactive",
    interactive: { type: kind, [kind]: { id, title } },
  });

  /** One signed webhook with these messages through the real route; the customer's profile name rides along. */
  async function post(messageList: Record<string, unknown>[], profileName: string | null = "Maria Souza") {
    const froms = [...new Set(messageList.map((m) => String(m.from)))];
    const contactsField = profileName ? froms.map((waId) => ({ profile: { name: profileName }, wa_id: waId })) : undefined;
    const response = await callWebhook(signedRequest(webhookBody(options.phone, { messages: messageList, ...(contactsField ? { contacts: contactsField } : {}) })));
    await flushAfter();
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    return response;
  }

  type BotValues = Partial<typeof messageBots.$inferInsert> & Pick<typeof messageBots.$inferInsert, "trigger">;
  async function insertBot(values: BotValues) {
    const [row] = await db
      .insert(messageBots)
      .values({ workspaceId, name: `${values.trigger} bot ${++seq}`, reply: { kind: "text", text: "Olá!" }, actions: NO_ACTIONS, ...values })
      .returning();
    return row!;
  }

  const drain = (at: Date) => runDueJobs(db, JOB_DEFINITIONS, { now: () => at, random: () => 0 });
  /** Runs what is due now, and again until nothing is (a turn enqueues a reply due at once). */
  const drainNow = (offsetMs = 0) => drain(new Date(Date.now() + offsetMs));

  const sentTo = (waId: string) =>
    graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && (r.body as { to?: string }).to === waId).map((r) => r.body as Record<string, unknown>);

  async function conversationOf(waId: string) {
    const [row] = await db
      .select({ conversation: conversations })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.waId, waId)));
    return row!.conversation;
  }
  const botMessages = async (waId: string) => {
    const conversation = await conversationOf(waId);
    return db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.sender, "bot")));
  };
  const botRow = async (id: string) => (await db.select().from(messageBots).where(eq(messageBots.id, id)))[0]!;
  const jobsOf = async (conversationId: string, kind: string) => db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.dedupeKey, conversationId)));

  let customers = 0;
  const newCustomer = () => `55119${String(81_000_000 + ++customers * 13 + Number(options.phone.slice(-3)) * 1000)}`;

  async function close() {
    delete process.env.WHATSAPP_GRAPH_URL;
    resetEnvCache();
    await graph.close();
    await connection.close();
  }

  return { db, graph, workspaceId, reset, text, tap, post, insertBot, drain, drainNow, sentTo, conversationOf, botMessages, botRow, jobsOf, newCustomer, close };
}
