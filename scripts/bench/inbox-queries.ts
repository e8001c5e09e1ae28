import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces } from "@/lib/db/schema";
import { listConversations } from "@/lib/inbox/queries";
import type { InboxFilter } from "@/lib/inbox/types";
import { figure, percentile, timeEach } from "./stats";

const CONVERSATIONS = 50_000;
const MESSAGES_PER_CONVERSATION = 20; // 1,000,000 messages

/** 50,000 conversations with 1,000,000 messages, written by Postgres itself (generate_series) in a few seconds. */
async function seed(db: Db, workspaceId: string) {
  await db.execute(sql`
    insert into contacts (workspace_id, wa_id, profile_name)
    select ${workspaceId}, (5511900000000 + g)::text, 'Cliente ' || g from generate_series(1, ${CONVERSATIONS}) g`);
  await db.execute(sql`
    insert into conversations (workspace_id, contact_id, status, unread_count, last_message_at, last_message_preview, last_inbound_at)
    select ${workspaceId}, c.id, case when random() < 0.3 then 'resolved'::conversation_status else 'open'::conversation_status end,
           0, now() - (random() * interval '90 days'), 'olá', now()
    from contacts c where c.workspace_id = ${workspaceId}`);
  // A realistic spread of words: "pedido" in about one message in twelve, "reembolso" in one in two thousand.
  await db.execute(sql`
    insert into messages (workspace_id, conversation_id, wamid, direction, sender, type, text, status, sent_at)
    select ${workspaceId}, c.id, 'wamid.bench.' || c.id || '.' || n, 'inbound', 'customer', 'text',
           (array['olá, tudo bem?', 'qual o preço do plano anual?', 'quero fazer um pedido', 'obrigado pela ajuda',
                  'vocês entregam no sábado?', 'pode me mandar o boleto?', 'bom dia', 'meu pedido atrasou',
                  'qual o horário de atendimento?', 'gostaria de falar com um atendente', 'ok', 'perfeito'])[1 + (random() * 11)::int]
             || case when random() < 0.0005 then ' reembolso' else '' end,
           'received', c.last_message_at - (n * interval '1 minute')
    from conversations c, generate_series(1, ${MESSAGES_PER_CONVERSATION}) n where c.workspace_id = ${workspaceId}`);
  // Vacuumed as a table at rest would be: otherwise autovacuum wakes for the million new rows
  // in the middle of the measurements and the p99s time it instead of the queries.
  for (const table of ["contacts", "conversations", "messages"]) await db.execute(sql.raw(`vacuum analyze ${table}`));
}

/** First page and search times of the inbox list with 50,000 conversations and 1,000,000 messages. */
export async function benchInboxQueries(db: Db) {
  const [workspace] = await db.insert(workspaces).values({ name: "Bench inbox" }).returning();
  const [user] = await db.insert(users).values({ email: `inbox-bench-${Date.now()}@bench.test`, name: "Bench", passwordHash: "x" }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: "admin" });
  const seeding = performance.now();
  await seed(db, workspace!.id);
  console.log(`inbox data set: ${CONVERSATIONS} conversations, ${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages (seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s)`);

  const cases: [string, Partial<InboxFilter>][] = [
    ["inbox first page (all)", { status: "all" }],
    ["inbox first page (open)", { status: "open" }],
    ["inbox search by name", { status: "all", search: "Cliente 4242" }],
    ["inbox search by partial number", { status: "all", search: "90004-2" }],
    ["inbox search by common word", { status: "all", search: "pedido" }],
    ["inbox search by rare word", { status: "all", search: "reembolso" }],
  ];
  for (const [name, filter] of cases) {
    const run = () => listConversations(db, { workspaceId: workspace!.id, viewerUserId: user!.id, viewerRole: "admin", filter: { scope: "all", status: "all", ...filter } });
    await timeEach(5, run); // warm the cache and the plan
    const samples = await timeEach(30, run);
    figure(`${name} p50`, percentile(samples, 50), "ms");
    figure(`${name} p99`, percentile(samples, 99), "ms");
  }
}
