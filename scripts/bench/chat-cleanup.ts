import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messages, workspaces } from "@/lib/db/schema";
import { runCleanup } from "@/lib/retention/cleanup";
import { chatCleanupSection } from "@/lib/retention/settings";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { signBody } from "@/lib/whatsapp/signature";
import { createPoster } from "./http-load";
import { ensureProductionBuild, startBenchApp } from "./production-server";
import { figure, percentile } from "./stats";

const CONVERSATIONS = 20_000;
const MESSAGES_PER_CONVERSATION = 50; // 1,000,000 old messages
const OLD_MESSAGES = CONVERSATIONS * MESSAGES_PER_CONVERSATION;
/** The run measured under ingest load is smaller (200,000 messages): its latencies matter, not its length. */
const LOADED_CONVERSATIONS = 4_000;
const WA_BASE = 5511800000000;
const IN_FLIGHT = 16;
const BASELINE_REQUESTS = 2_000;
const PHONE_NUMBER_ID = "100000000088888";
const APP_SECRET = "bench-app-secret";
const DAY_MS = 24 * 60 * 60 * 1000;

/** `chats` chats of 50 messages sent 31 to 90 days ago, written by Postgres itself (generate_series). */
async function seedOldChats(db: Db, workspaceId: string, chats: number) {
  await db.execute(sql`
    insert into contacts (workspace_id, wa_id, profile_name)
    select ${workspaceId}, (${WA_BASE}::bigint + g)::text, 'Cliente ' || g from generate_series(1, ${chats}) g
    on conflict (workspace_id, wa_id) do nothing`);
  await db.execute(sql`
    insert into conversations (workspace_id, contact_id, status, unread_count, last_message_at, last_message_preview, last_inbound_at)
    select ${workspaceId}, c.id, 'open', 0, now() - interval '31 days' - (random() * interval '59 days'), 'olá', now() - interval '31 days'
    from contacts c where c.workspace_id = ${workspaceId} and c.wa_id::bigint - ${WA_BASE}::bigint <= ${chats}
    on conflict (workspace_id, contact_id) do nothing`);
  await db.execute(sql`
    insert into messages (workspace_id, conversation_id, wamid, direction, sender, type, text, status, sent_at)
    select ${workspaceId}, c.id, 'wamid.cleanup.' || c.id || '.' || n, 'inbound', 'customer', 'text', 'mensagem antiga ' || n,
           'received', c.last_message_at - (n * interval '1 minute')
    from conversations c, generate_series(1, ${MESSAGES_PER_CONVERSATION}) n where c.workspace_id = ${workspaceId}`);
  await db.execute(sql`analyze contacts; analyze conversations; analyze messages`);
}

let wamidSeq = 0;
/** One new message from the seeded customer number `contact`. */
function webhookBody(contact: number): string {
  const n = ++wamidSeq;
  const from = String(WA_BASE + contact);
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900088888", phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: `Cliente ${from.slice(-5)}` }, wa_id: from }],
      messages: [{ from, id: `wamid.cleanup.live.${Date.now()}.${n}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `Mensagem nova ${n}` } }],
    } }] }],
  });
}

/**
 * Posts webhooks with IN_FLIGHT requests in flight until `count` are sent or
 * `until()` says stop; the i-th comes from customer `contact(i)`. Answers the latencies.
 */
async function load(url: string, options: { contact: (i: number) => number; count?: number; until?: () => boolean }) {
  const post = createPoster(url, IN_FLIGHT);
  const latencies: number[] = [];
  let sent = 0;
  const more = () => (options.count !== undefined ? sent < options.count : !options.until!());
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (more()) {
        const raw = webhookBody(options.contact(sent++));
        const result = await post("/api/whatsapp/webhook", raw, { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) });
        if (result.status !== 200) throw new Error(`webhook answered ${result.status}`);
        latencies.push(result.ms);
      }
    }),
  );
  return latencies;
}

/**
 * Chat cleanup on Postgres: the time to delete 1,000,000 old messages (and
 * the 20,000 chats they leave empty); then the webhook ingest latency of the
 * production build while a cleanup of 200,000 messages runs in the same
 * workspace, compared with the same load without it, and a check that no
 * message stored meanwhile was lost. Uses the production build that
 * benchWebhookIngest made unless `build` is set.
 */
export async function benchChatCleanup(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  const [workspace] = await db.insert(workspaces).values({ name: "Bench cleanup" }).returning();
  const workspaceId = workspace!.id;
  await saveSettings(db, workspaceId, chatCleanupSection, { enabled: true, days: 30 }, null);
  await saveChannel(db, workspaceId, { phoneNumberId: PHONE_NUMBER_ID, wabaId: "1000002", displayPhoneNumber: "+55 11 90008-8888", accessToken: "bench" });
  const cleanup = () => runCleanup(db, { workspaceId, trigger: "manual", triggeredBy: null, now: new Date(), budgetMs: 15 * 60_000 });

  let seeding = performance.now();
  await seedOldChats(db, workspaceId, CONVERSATIONS);
  console.log(`chat cleanup data set: ${CONVERSATIONS} chats, ${OLD_MESSAGES} messages older than 30 days (seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s)`);
  const alone = await cleanup();
  if (alone.status !== "completed" || alone.messagesDeleted !== OLD_MESSAGES) throw new Error(`cleanup did not finish: ${JSON.stringify(alone)}`);
  figure("chat cleanup: delete 1,000,000 old messages", alone.durationMs / 1000, "s", `${alone.messagesDeleted} messages, ${alone.conversationsDeleted} chats, batches of 5,000`);
  figure("chat cleanup throughput", alone.messagesDeleted / (alone.durationMs / 1000), "messages/s");

  seeding = performance.now();
  await seedOldChats(db, workspaceId, LOADED_CONVERSATIONS);
  console.log(`chat cleanup data set for the ingest run: ${LOADED_CONVERSATIONS * MESSAGES_PER_CONVERSATION} old messages (${((performance.now() - seeding) / 1000).toFixed(0)} s)`);
  if (options.build) await ensureProductionBuild();
  const server = await startBenchApp(3991, databaseUrl, APP_SECRET);
  try {
    // Warm-up and baseline write to customers outside the chats about to be cleaned, so those stay old and empty-able.
    const warmUp = await load(server.url, { count: 200, contact: (i) => LOADED_CONVERSATIONS + 1 + i }); // JIT, connection pools
    const baseline = await load(server.url, { count: BASELINE_REQUESTS, contact: (i) => LOADED_CONVERSATIONS + 201 + i });
    figure("webhook ingest p50 without cleanup", percentile(baseline, 50), "ms");
    figure("webhook ingest p99 without cleanup", percentile(baseline, 99), "ms", `${BASELINE_REQUESTS} requests, ${IN_FLIGHT} in flight`);

    let finished = false;
    const running = cleanup().finally(() => (finished = true));
    // Customers of the chats being cleaned write meanwhile: their chats must survive with the new messages.
    const during = await load(server.url, { until: () => finished, contact: (i) => 1 + (i % LOADED_CONVERSATIONS) });
    const result = await running;
    figure("webhook ingest p50 during chat cleanup", percentile(during, 50), "ms");
    figure("webhook ingest p99 during chat cleanup", percentile(during, 99), "ms", `${during.length} requests, ${IN_FLIGHT} in flight`);
    if (result.status !== "completed") throw new Error(`cleanup under load did not finish: ${JSON.stringify(result)}`);
    figure("chat cleanup under ingest load", result.durationMs / 1000, "s", `${result.messagesDeleted} messages, ${result.conversationsDeleted} chats`);

    // Every message the webhook stored (all sent today, many into old chats being deleted) must still be there.
    const stored = warmUp.length + baseline.length + during.length;
    const [kept] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), gte(messages.sentAt, new Date(Date.now() - DAY_MS))));
    if (kept!.count !== stored) throw new Error(`${stored - kept!.count} of the ${stored} messages the webhook stored are missing`);
    console.log(`webhook messages kept through the cleanup: ${kept!.count} of ${stored}`);
  } finally {
    await server.stop();
  }
}
