import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { workspaces } from "@/lib/db/schema";
import { createForwardMessageJob } from "@/lib/forwarding/job";
import { forwardMessageKind } from "@/lib/forwarding/job-kind";
import { enqueueJobCte } from "@/lib/jobs/queue";
import { webhookForwardingSection } from "@/lib/forwarding/settings";
import { runDueJobs } from "@/lib/jobs/runner";
import { saveSettings } from "@/lib/settings/stored-section";
import { saveChannel } from "@/lib/whatsapp/channel";
import { figure } from "./stats";

const DELIVERIES = 2_000;
const WORKERS = 2;
const BATCH = 20;

/** A receiver on loopback that reads each request and answers 200, as a fast endpoint would. */
async function startReceiver() {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * 2,000 stored messages with their deliveries and jobs (as the webhook leaves
 * them), drained by two job runners at once: signed POSTs to a loopback
 * receiver, each attempt reading its delivery and recording the outcome.
 */
export async function benchForwarding(db: Db) {
  const receiver = await startReceiver();
  try {
    const [workspace] = await db.insert(workspaces).values({ name: "Bench forwarding" }).returning();
    const workspaceId = workspace!.id;
    // A number of its own: each bench owns one and the phone number id is unique across workspaces.
    await saveChannel(db, workspaceId, { phoneNumberId: "100000000077777", wabaId: "200000000077777", displayPhoneNumber: "+55 11 90000-7777", accessToken: "bench" });
    await saveSettings(db, workspaceId, webhookForwardingSection, { enabled: true, method: "POST", url: receiver.url, secret: "whsec_YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldA==" }, null);
    await db.execute(sql`
      with contact as (
        insert into contacts (workspace_id, wa_id, profile_name) values (${workspaceId}, '5511900077777', 'Cliente Bench') returning id
      ), conversation as (
        insert into conversations (workspace_id, contact_id) select ${workspaceId}, id from contact returning id
      ), message as (
        insert into messages (workspace_id, conversation_id, wamid, direction, sender, type, text, status, sent_at)
        select ${workspaceId}, conversation.id, 'wamid.bench.forward.' || g, 'inbound', 'customer', 'text', 'Mensagem ' || g, 'received', now()
        from conversation, generate_series(1, ${DELIVERIES}) g
        returning id
      ), delivery as (
        insert into webhook_deliveries (workspace_id, message_id, status, next_attempt_at) select ${workspaceId}, id, 'pending', now() from message returning id
      ),
      ${enqueueJobCte("forward_job", forwardMessageKind, { workspaceId, payload: { deliveryId: sql`delivery.id` }, from: sql`delivery`, when: sql`true`, runAt: new Date(), now: new Date() })}
      select count(*) from forward_job`);

    // The receiver is on loopback, which production refuses; the bench allows it explicitly.
    const job = createForwardMessageJob({ allowPrivateTargets: true });
    const started = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, () => runDueJobs(db, [job], { batchSize: BATCH, timeBudgetMs: 300_000 })));
    const seconds = (performance.now() - started) / 1000;

    const [counts] = rowsOf<{ delivered: number }>(
      await db.execute(sql`select count(*)::int as delivered from webhook_deliveries where workspace_id = ${workspaceId} and status = 'delivered'`),
    );
    if (counts?.delivered !== DELIVERIES || receiver.received() !== DELIVERIES) {
      throw new Error(`forwarding bench: ${counts?.delivered} delivered, ${receiver.received()} received, expected ${DELIVERIES}`);
    }
    figure("webhook forwarding throughput", DELIVERIES / seconds, "deliveries/s", `${DELIVERIES} signed POSTs to a loopback receiver, ${WORKERS} runners × batch ${BATCH}`);
  } finally {
    await receiver.close();
  }
}
