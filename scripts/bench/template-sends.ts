import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { deliver } from "@/lib/inbox/outbound";
import { rowsOf } from "@/lib/db/rows";
import { storeAgentTemplate } from "@/lib/templates/send";
import { syncTemplates } from "@/lib/templates/sync";
import { saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake } from "../../tests/fakes/graph-api";
import { sampleTemplates } from "../../tests/fakes/graph-templates";
import { figure, percentile } from "./stats";

const SENDS = 1_000;
const CONCURRENCY = 8;
const PHONE_NUMBER_ID = "100000000088888";
const WABA_ID = "200000000088888";
const TOKEN = "bench-template-token";

/**
 * 1,000 template messages, one per chat, sent as the composer sends them
 * (stored as pending, then handed to the Graph API and recorded as sent),
 * eight at a time, to the Graph API fake on loopback: messages per second and
 * the latency of one send, store to "sent".
 */
export async function benchTemplateSends(db: Db) {
  const graph = await startGraphFake();
  const previousGraphUrl = process.env.WHATSAPP_GRAPH_URL;
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  try {
    graph.setToken(TOKEN);
    graph.setPhoneNumber(PHONE_NUMBER_ID, { verified_name: "Bench templates" });
    graph.templates.set(WABA_ID, sampleTemplates());
    const [workspace] = await db.insert(workspaces).values({ name: "Bench templates" }).returning();
    const workspaceId = workspace!.id;
    const [user] = await db.insert(users).values({ email: `bench-templates-${workspaceId}@example.com`, name: "Bench Agent", passwordHash: "x" }).returning();
    await db.insert(memberships).values({ workspaceId, userId: user!.id, role: "admin" });
    await saveChannel(db, workspaceId, { phoneNumberId: PHONE_NUMBER_ID, wabaId: WABA_ID, displayPhoneNumber: "+55 11 90000-8888", accessToken: TOKEN });
    await syncTemplates(db, workspaceId);
    const templateId = rowsOf<{ id: string }>(
      await db.execute(sql`select id from message_templates where workspace_id = ${workspaceId} and name = 'order_shipped'`),
    )[0]!.id;
    const conversationIds = rowsOf<{ id: string }>(
      await db.execute(sql`
        with contact as (
          insert into contacts (workspace_id, wa_id, profile_name)
          select ${workspaceId}, '55119' || lpad(g::text, 8, '0'), 'Cliente ' || g from generate_series(1, ${SENDS}) g
          returning id
        )
        insert into conversations (workspace_id, contact_id) select ${workspaceId}, id from contact returning id`),
    ).map((row) => row.id);

    const member = { workspaceId, userId: user!.id, role: "admin" as const };
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < conversationIds.length) {
        const conversationId = conversationIds[next++]!;
        const started = performance.now();
        const stored = await storeAgentTemplate(db, member, {
          conversationId,
          templateId,
          params: { "header:1": "#1234", "body:1": "Maria", "body:2": "#1234", "button:0": "1234" },
        });
        const { message } = await deliver(db, stored.delivery);
        if (message.status !== "sent") throw new Error(`template bench: a send ended ${message.status}`);
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;

    const sent = graph.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).length;
    if (sent !== SENDS) throw new Error(`template bench: the fake received ${sent} sends, expected ${SENDS}`);
    figure("template sends", SENDS / seconds, "msg/s", `${SENDS} templates, ${CONCURRENCY} at a time, to the Graph API fake`);
    figure("template send p50", percentile(latencies, 50), "ms", "stored, sent and recorded");
    figure("template send p99", percentile(latencies, 99), "ms");
  } finally {
    if (previousGraphUrl === undefined) delete process.env.WHATSAPP_GRAPH_URL;
    else process.env.WHATSAPP_GRAPH_URL = previousGraphUrl;
    resetEnvCache();
    await graph.close();
  }
}
