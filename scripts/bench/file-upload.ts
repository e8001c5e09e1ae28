import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, whatsappChannels } from "@/lib/db/schema";
import { signBody } from "@/lib/whatsapp/signature";
import en from "@/messages/en.json";
import { startGraphFake } from "../../tests/fakes/graph-api";
import { ensureProductionBuild, startProductionServer } from "./production-server";
import { figure } from "./stats";

const APP_SECRET = "bench-app-secret";
/** The demo seed's number, token and agent (lib/seed/demo.ts, which the bench cannot import under its react-server condition). */
const DEMO = { phoneNumberId: "100000000000001", accessToken: "demo-access-token", password: "demo-password" };
const AGENT = { email: "bruno@demo.test" };
const CUSTOMER = { waId: "5511966600077", name: "Cliente Arquivo Grande" };
const MB = 1024 * 1024;
const SIZE = 100 * MB;

function chromiumExecutable(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

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

/**
 * A 100 MB document sent by an agent through the app's upload route
 * (`POST /api/inbox/conversations/:id/media`) on the production build, one
 * server process, to the Graph API fake on loopback. Reports the server's
 * peak resident memory growth over its idle level while the file streams
 * through (it must stay far below the file's size: the body is never held
 * whole), and the throughput from the first byte sent to the answer.
 */
export async function benchFileUpload(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  if (options.build) await ensureProductionBuild();
  const graph = await startGraphFake();
  graph.setToken(DEMO.accessToken);
  graph.setPhoneNumber(DEMO.phoneNumberId, { verified_name: "Demo Loja" });
  const server = await startProductionServer(3993, {
    DATABASE_URL: databaseUrl,
    DEMO: "1",
    WEB_CONCURRENCY: "1",
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_GRAPH_URL: graph.url,
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
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox", "--disable-gpu"] });
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
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = treeRss(server.pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.pid))), 25);
    const start = performance.now();
    try {
      await upload(server.url, conversation!.id, cookie, SIZE, "catalogo-completo.pdf");
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - start) / 1000;
    peak = Math.max(peak, treeRss(server.pid));
    const received = graph.requests.filter((r) => r.path.endsWith("/media")).at(-1)?.body as { file?: { size?: number } } | undefined;
    if (received?.file?.size !== SIZE) throw new Error(`the fake received ${received?.file?.size} bytes, not ${SIZE}`);
    figure("file upload: 100 MB document, server peak RSS growth", (peak - idle) / MB, "MB", `idle ${(idle / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB`);
    figure("file upload: 100 MB document, throughput", SIZE / MB / seconds, "MB/s", `${seconds.toFixed(2)} s to Meta's fake and the message sent`);
  } finally {
    await server.stop();
    await graph.close();
  }
}
