import type { Db } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema";
import { saveChannel } from "@/lib/whatsapp/channel";
import { signBody } from "@/lib/whatsapp/signature";
import { createPoster } from "./http-load";
import { ensureProductionBuild, startBenchApp } from "./production-server";
import { measureCpu } from "./cpu-usage";
import { figure, percentile } from "./stats";

const MESSAGES = 5_000;
const CONTACTS = 500;
/**
 * A server that has run for a while: V8 optimises the hot code only after
 * thousands of calls, and each server process sees half the requests. The
 * warm-up comes from other customers, so the measured run still opens its
 * 500 conversations.
 */
const WARM_UP_REQUESTS = 5_000;
const WARM_UP_FIRST_CONTACT = 10_000;
const IN_FLIGHT = 32;
const PHONE_NUMBER_ID = "100000000099999";
const APP_SECRET = "bench-app-secret";

type Message = { from: string; id: string; timestamp: string; type: "text"; text: { body: string } };

function message(i: number, contact: number): Message {
  const from = String(5511900000000 + contact);
  return { from, id: `wamid.bench.${Date.now()}.${i}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `Mensagem de teste número ${i}` } };
}

function body(messages: Message[]) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900099999", phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: `Cliente ${messages[0]!.from.slice(-3)}` }, wa_id: messages[0]!.from }],
      messages,
    } }] }],
  });
}

/** 5,000 messages from 500 contacts: one message per request, or each contact's ten messages in one request. */
function requests(perRequest: 1 | 10, firstContact = 0): string[] {
  const bodies: string[] = [];
  for (let r = 0; r < MESSAGES / perRequest; r++) {
    const contact = firstContact + (r % CONTACTS);
    bodies.push(body(Array.from({ length: perRequest }, (_, k) => message(r * perRequest + k, contact))));
  }
  return bodies;
}

const PAGES_ROUTE = "/api/whatsapp/webhook";
/** The same webhook as an App Router route handler (docs/decisions/0001-webhook-pages-api-route.md). */
const APP_ROUTER_ROUTE = "/api/whatsapp/webhook-app-router";

/** `refused`: every request carries a wrong signature, so the route reads the body, checks it and answers 401. */
async function run(url: string, bodies: string[], refused = false, path = PAGES_ROUTE) {
  const post = createPoster(url, IN_FLIGHT);
  const expected = refused ? 401 : 200;
  const send = async (raw: string) => {
    const signature = refused ? signBody(raw, `not-${APP_SECRET}`) : signBody(raw, APP_SECRET);
    const result = await post(path, raw, { "content-type": "application/json", "x-hub-signature-256": signature });
    if (result.status !== expected) throw new Error(`webhook answered ${result.status}`);
    return result.ms;
  };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < bodies.length) latencies.push(await send(bodies[next++]!));
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

/**
 * What this machine gives a Next.js route today: the same requests with a
 * wrong signature are read, checked and refused, storing nothing, through the
 * Pages API route Meta is pointed at and through its App Router twin. The
 * machine's speed varies from day to day; the ingest figures are read against
 * the Pages floor, and the ratio says whether the Pages exception still pays
 * (docs/decisions/0001-webhook-pages-api-route.md). The runs go Pages, App
 * Router, App Router, Pages, so a machine slowing down or speeding up during
 * them weighs on both alike.
 */
async function benchFloor(server: { url: string; pid: number }) {
  const bodies = requests(1, WARM_UP_FIRST_CONTACT);
  // The Pages route is warm from the ingest warm-up; the App Router's request path gets as many requests first.
  await run(server.url, bodies.slice(0, WARM_UP_REQUESTS), true, APP_ROUTER_ROUTE);
  const totals = new Map([PAGES_ROUTE, APP_ROUTER_ROUTE].map((path) => [path, { seconds: 0, cpuMs: 0 }]));
  for (const path of [PAGES_ROUTE, APP_ROUTER_ROUTE, APP_ROUTER_ROUTE, PAGES_ROUTE]) {
    const { result, cpuMs } = await measureCpu(server.pid, () => run(server.url, bodies, true, path));
    const total = totals.get(path)!;
    total.seconds += result.seconds;
    total.cpuMs += cpuMs.app;
  }
  const requestsEach = 2 * MESSAGES;
  const cpuPerRequest = (path: string) => totals.get(path)!.cpuMs / requestsEach;
  for (const [path, name] of [[PAGES_ROUTE, "Pages API route"], [APP_ROUTER_ROUTE, "App Router route handler"]] as const) {
    figure(
      `webhook refused-signature throughput (the framework's floor, ${name})`,
      requestsEach / totals.get(path)!.seconds,
      "requests/s",
      `${path}: ${requestsEach} requests in two runs read, checked and answered 401, ${IN_FLIGHT} in flight; app CPU ${cpuPerRequest(path).toFixed(2)} ms per request`,
    );
  }
  figure(
    "webhook refused-signature app CPU, App Router / Pages",
    cpuPerRequest(APP_ROUTER_ROUTE) / cpuPerRequest(PAGES_ROUTE),
    "x",
    `throughput Pages / App Router ${(totals.get(APP_ROUTER_ROUTE)!.seconds / totals.get(PAGES_ROUTE)!.seconds).toFixed(2)}x`,
  );
}

/**
 * Webhook ingest of the production build on Postgres: 5,000 signed messages
 * from 500 contacts, 32 requests in flight, the load generator on the same
 * machine. Meta usually sends one message per request and batches bursts, so
 * both shapes are measured.
 */
export async function benchWebhookIngest(db: Db, databaseUrl: string) {
  const [workspace] = await db.insert(workspaces).values({ name: "Bench ingest" }).returning();
  await saveChannel(db, workspace!.id, { phoneNumberId: PHONE_NUMBER_ID, wabaId: "1000001", displayPhoneNumber: "+55 11 90009-9999", accessToken: "bench" });
  await ensureProductionBuild();
  const server = await startBenchApp(3990, databaseUrl, APP_SECRET);
  try {
    await run(server.url, requests(1, WARM_UP_FIRST_CONTACT).slice(0, WARM_UP_REQUESTS));
    await benchFloor(server);
    for (const perRequest of [1, 10] as const) {
      const { result, cpuMs } = await measureCpu(server.pid, () => run(server.url, requests(perRequest)));
      const { seconds, latencies } = result;
      const shape = `${perRequest} message${perRequest > 1 ? "s" : ""} per request`;
      figure(
        `webhook ingest throughput (${shape})`,
        MESSAGES / seconds,
        "messages/s",
        `${MESSAGES} messages, ${CONTACTS} contacts, ${IN_FLIGHT} requests in flight, after ${WARM_UP_REQUESTS} warm-up requests`,
      );
      figure(`webhook ingest latency p50 (${shape})`, percentile(latencies, 50), "ms");
      figure(`webhook ingest latency p99 (${shape})`, percentile(latencies, 99), "ms");
      const perMessage = (ms: number) => `${(ms / MESSAGES).toFixed(2)} ms`;
      figure(
        `webhook ingest CPU per message (${shape})`,
        (cpuMs.app + cpuMs.postgres + cpuMs.loadGenerator) / MESSAGES,
        "ms",
        `app ${perMessage(cpuMs.app)}, Postgres ${perMessage(cpuMs.postgres)}, load generator and Pusher ${perMessage(cpuMs.loadGenerator)}`,
      );
    }
  } finally {
    await server.stop();
  }
}
