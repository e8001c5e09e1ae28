import { readdirSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, whatsappChannels } from "@/lib/db/schema";
import { signBody } from "@/lib/whatsapp/signature";
import en from "@/messages/en.json";
import { startGraphFake } from "../../tests/fakes/graph-api";
import { ensureProductionBuild, startProductionServer } from "./production-server";
import { benchChromiumExecutable } from "./browser";
import { figure } from "./stats";

const APP_SECRET = "bench-app-secret";
/** The demo seed's number, token and agent (lib/seed/demo.ts, which the bench cannot import under its react-server condition). */
const DEMO = { phoneNumberId: "100000000000001", accessToken: "demo-access-token", password: "demo-password" };
const AGENT = { email: "bruno@demo.test" };
const CUSTOMER = { waId: "5511966600077", name: "Cliente Arquivo Grande" };
const MB = 1024 * 1024;
const SIZE = 100 * MB;

/** Resident memory of a process and all its descendants, in bytes (Linux /proc): `npm start` runs the server as a child. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // ended
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** A body of `size` bytes made on the fly in 256 KiB chunks: the bench itself never holds the file either. */
function generatedFile(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(256 * 1024).map((_, i) => (i * 31 + 7) % 251);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const part = chunk.subarray(0, Math.min(chunk.byteLength, size - sent));
      sent += part.byteLength;
      controller.enqueue(part.slice());
    },
  });
}

async function postMessage(url: string, text: string) {
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900000001", phone_number_id: DEMO.phoneNumberId },
      contacts: [{ profile: { name: CUSTOMER.name }, wa_id: CUSTOMER.waId }],
      messages: [{ from: CUSTOMER.waId, id: `wamid.bench.file.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
    } }] }],
  });
  const response = await fetch(`${url}/api/whatsapp/webhook`, { method: "POST", body: raw, headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) } });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

async function upload(url: string, conversationId: string, cookie: string, size: number, name: string) {
  const response = await fetch(`${url}/api/inbox/conversations/${conversationId}/media`, {
    method: "POST",
    headers: { cookie, "content-type": "application/pdf", "content-length": String(size), "x-file-name": encodeURIComponent(name), "x-caption": "bench" },
    body: generatedFile(size),
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  const body = (await response.json()) as { status?: string; error?: string };
  if (response.status !== 200 || body.status !== "sent") throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
}

type Run = { idle: number; growth: Record<number, number>; seconds: number };

/** One server (one process) with these extra environment variables: a 20 MB then a 100 MB document, each after the server settled. */
async function measure(db: Db, databaseUrl: string, graphUrl: string, extraEnv: Record<string, string>): Promise<Run> {
  const server = await startProductionServer(3993, {
    DATABASE_URL: databaseUrl,
    DEMO: "1",
    WEB_CONCURRENCY: "1",
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_GRAPH_URL: graphUrl,
    ...extraEnv,
  });
  try {
    await postMessage(server.url, "Pode mandar o catálogo completo?");
    const [conversation] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(whatsappChannels, eq(whatsappChannels.workspaceId, conversations.workspaceId))
      .where(and(eq(whatsappChannels.phoneNumberId, DEMO.phoneNumberId), eq(contacts.waId, CUSTOMER.waId)));

    // A session cookie the way an agent gets one: signing in in a browser.
    const browser = await chromium.launch({ executablePath: benchChromiumExecutable(), args: ["--no-sandbox", "--disable-gpu"] });
    let cookie: string;
    try {
      const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel(en.login.email).fill(AGENT.email);
      await page.getByLabel(en.login.password).fill(DEMO.password);
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.waitForURL(/\/inbox$/);
      cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    } finally {
      await browser.close();
    }

    // Warm: the route compiled and connections open before anything is measured.
    for (let i = 0; i < 3; i++) await upload(server.url, conversation!.id, cookie, MB, `aquecimento-${i}.pdf`);
    const growth: Record<number, number> = {};
    let idle = 0;
    let seconds = 0;
    for (const size of [20 * MB, SIZE]) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const before = treeRss(server.pid);
      idle ||= before;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.pid))), 25);
      const start = performance.now();
      try {
        await upload(server.url, conversation!.id, cookie, size, `catalogo-${size / MB}mb.pdf`);
      } finally {
        clearInterval(sampler);
      }
      seconds = (performance.now() - start) / 1000;
      growth[size] = Math.max(peak, treeRss(server.pid)) - before;
    }
    return { idle, growth, seconds };
  } finally {
    await server.stop();
  }
}

/**
 * A 100 MB document sent by an agent through the app's upload route
 * (`POST /api/inbox/conversations/:id/media`) on the production build, one
 * server process, to the Graph API fake on loopback. Reports the server's
 * peak resident memory growth while the file streams through, for a 20 MB
 * and a 100 MB file (memory that does not grow with the file means the body
 * is never held whole), and the throughput from the first byte sent to the
 * answer (upload to Meta's fake and the message sent). Measured twice: with
 * the production server's 64 MB young-generation semi-spaces
 * (scripts/lib/server-node-flags.ts), whose uncollected garbage alone can
 * reach ~130 MB, and with Node's 16 MB default, which shows the streaming itself.
 */
export async function benchFileUpload(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  if (options.build) await ensureProductionBuild();
  const graph = await startGraphFake();
  graph.setToken(DEMO.accessToken);
  graph.setPhoneNumber(DEMO.phoneNumberId, { verified_name: "Demo Loja" });
  try {
    for (const [label, extraEnv] of [["production flags, 64 MB semi-spaces", {}], ["16 MB semi-spaces", { NODE_OPTIONS: "--max-semi-space-size=16" }]] as const) {
      const run = await measure(db, databaseUrl, graph.url, extraEnv);
      const received = graph.requests.filter((r) => r.path.endsWith("/media")).at(-1)?.body as { file?: { size?: number } } | undefined;
      if (received?.file?.size !== SIZE) throw new Error(`the fake received ${received?.file?.size} bytes, not ${SIZE}`);
      figure(`file upload (${label}): 20 MB document, server peak RSS growth`, run.growth[20 * MB]! / MB, "MB", `idle ${(run.idle / MB).toFixed(0)} MB`);
      figure(`file upload (${label}): 100 MB document, server peak RSS growth`, run.growth[SIZE]! / MB, "MB");
      figure(`file upload (${label}): 100 MB document, throughput`, SIZE / MB / run.seconds, "MB/s", `${run.seconds.toFixed(2)} s to Meta's fake and the message sent`);
    }
  } finally {
    await graph.close();
  }
}
