import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium, devices, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, whatsappChannels } from "@/lib/db/schema";
import { signBody } from "@/lib/whatsapp/signature";
import en from "@/messages/en.json";
import { ensureProductionBuild, startBenchApp } from "./production-server";
import { benchChromiumExecutable, benchChromiumName } from "./browser";
import { figure, percentile } from "./stats";

const RUNS = 15;
const WARM_UP = 2;
const TARGET_MS = 600;
const APP_SECRET = "bench-app-secret";
/** The demo seed's number and admin (lib/seed/demo.ts, which this script cannot import under the react-server condition). */
const DEMO = { phoneNumberId: "100000000000001", email: "admin@demo.test", password: "demo-password" };
/** More customers than one list page (20) and more messages in the chat than one messages page (20), as a working inbox has. */
const CUSTOMERS = 45;
const CHAT = { waId: "5511977700000", name: "Cliente Da Conversa", messages: 70 };

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const VIEWPORTS: Record<string, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: iPhone,
};

let sequence = 0;
async function postMessages(url: string, from: { waId: string; name: string }, texts: string[]) {
  const now = Math.floor(Date.now() / 1000);
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900000001", phone_number_id: DEMO.phoneNumberId },
      contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
      messages: texts.map((text) => ({ from: from.waId, id: `wamid.bench.ttu.${Date.now()}.${++sequence}`, timestamp: String(now), type: "text", text: { body: text } })),
    } }] }],
  });
  const response = await fetch(`${url}/api/whatsapp/webhook`, {
    method: "POST",
    body: raw,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

/**
 * What "usable" means per page, as a check the page runs on itself. An
 * element counts as hydrated once React attached its props to it
 * (`__reactProps$…` holding the named handler): React does that when it
 * hydrates the node, and from then on its delegated listeners run the
 * handler, so a click or a keystroke does what it should instead of being
 * lost or falling back to a full page load.
 * - inbox: the first row of the conversation list is visible and its link
 *   has its click handler (client-side navigation to the chat);
 * - chat: a message is visible in the log and the composer's textarea is
 *   visible, enabled and has its change handler;
 * - settings: the form is visible with its submit handler and its Save
 *   button is enabled.
 * `shown` is the same without the handler: painted, maybe not hydrated yet.
 */
const TARGETS = {
  inbox: { content: `nav[aria-label="${en.inbox.list.label}"] li a`, control: `nav[aria-label="${en.inbox.list.label}"] li a`, handler: "onClick" },
  chat: { content: `[role="log"] [data-message-id]`, control: "form textarea:not([disabled])", handler: "onChange" },
  settings: { content: "main form", control: "main form", handler: "onSubmit", extra: `main form button[type="submit"]:not([disabled])` },
} as const;
type PageName = keyof typeof TARGETS;

/** Installed before the page's own scripts: checks on every DOM change and every frame, and records the first moment each condition held. */
function watcherScript(target: (typeof TARGETS)[PageName]): string {
  // A string, not a function: tsx names the functions it compiles with a helper the page does not have.
  return `(() => {
    const t = ${JSON.stringify(target)};
    const seen = (window.__ttu = {});
    const visible = (el) => !!el && el.getClientRects().length > 0 && el.checkVisibility();
    const hydrated = (el) => { const key = Object.keys(el).find((k) => k.startsWith("__reactProps$")); return !!key && typeof el[key][t.handler] === "function"; };
    const check = () => {
      if (seen.usable !== undefined) return;
      const content = document.querySelector(t.content);
      const control = document.querySelector(t.control);
      const ready = visible(content) && visible(control) && (!t.extra || visible(document.querySelector(t.extra)));
      if (ready && seen.shown === undefined) seen.shown = performance.now();
      if (ready && hydrated(control)) seen.usable = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    const frame = () => { check(); if (seen.usable === undefined) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  })()`;
}

type Sample = { usable: number; shown: number; ttfb: number; htmlDone: number; fcp: number; apiCalls: number };

/** One navigation in a fresh page, from its start (performance.timeOrigin) until usable. */
async function measure(page: Page, path: string, name: PageName): Promise<Sample> {
  let apiCalls = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/inbox")) apiCalls++;
  });
  await page.addInitScript(watcherScript(TARGETS[name]));
  await page.goto(path, { waitUntil: "commit" });
  // A function, not a string: the app's CSP forbids evaluating strings in the page.
  const usable = () => (window as unknown as { __ttu?: { usable?: number } }).__ttu?.usable !== undefined;
  await page.waitForFunction(usable, undefined, { timeout: 20_000 }).catch(async (error: Error) => {
    throw new Error(`${path} did not become usable within 20 s: ${await page.evaluate("JSON.stringify(window.__ttu)")}`, { cause: error });
  });
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return { ...window.__ttu, ttfb: nav.responseStart, htmlDone: nav.responseEnd, fcp: fcp ? fcp.startTime : NaN };
  })()`)) as Omit<Sample, "apiCalls">;
  return { ...timing, apiCalls };
}

/** The JavaScript a cold load of the page downloads from _next/static: bytes as served (the app does not compress; a CDN does) and as gzip and brotli would send them. */
async function scriptBytes(browser: Browser, options: BrowserContextOptions, path: string, name: PageName) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const bodies: Promise<Buffer | null>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script" && new URL(response.url()).pathname.startsWith("/_next/")) bodies.push(response.body().catch(() => null));
  });
  await measure(page, path, name);
  // Scripts the page loads lazily right after hydration count too.
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  await context.close();
  const sum = (f: (b: Buffer) => number) => files.reduce((total, b) => total + f(b), 0);
  return { files: files.length, raw: sum((b) => b.length), gzip: sum((b) => gzipSync(b).length), brotli: sum((b) => brotliCompressSync(b).length) };
}

const median = (values: number[]) => percentile(values, 50);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Time to usable of the inbox, a chat and a settings page on the production
 * build (Postgres, demo seed plus 45 customers and a 70-message chat),
 * signed in as the demo admin, at desktop 1280×800 and on an iPhone 13
 * viewport. Each run is a fresh page: "cold" in a fresh browser context
 * (empty HTTP cache: every script downloaded and compiled), "warm" in one
 * context that loaded the page before (scripts from the HTTP cache, as for
 * an agent who used the app yesterday). Server and browser share this
 * machine's cores, so compare against a run of the previous commit.
 */
export async function benchTimeToUsable(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  if (options.build) await ensureProductionBuild();
  console.log(`time to usable: measured in ${benchChromiumName()}`);
  const server = await startBenchApp(3993, databaseUrl, APP_SECRET);
  const browser = await chromium.launch({
    executablePath: benchChromiumExecutable(),
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (let i = 0; i < CUSTOMERS; i++) {
      await postMessages(server.url, { waId: `55119888${String(i).padStart(5, "0")}`, name: `Cliente ${i}` }, [`Olá, tenho uma dúvida sobre o pedido ${i}`]);
    }
    for (let i = 0; i < CHAT.messages; i += 10) {
      await postMessages(server.url, CHAT, Array.from({ length: 10 }, (_, j) => `Mensagem ${i + j} da conversa, com um texto de tamanho comum para um cliente`));
    }
    const [chat] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(whatsappChannels, eq(whatsappChannels.workspaceId, conversations.workspaceId))
      .where(and(eq(whatsappChannels.phoneNumberId, DEMO.phoneNumberId), eq(contacts.waId, CHAT.waId)));
    const pages: [PageName, string][] = [["inbox", "/inbox"], ["chat", `/inbox/${chat!.id}`], ["settings", "/settings/auto-lead"]];

    const signIn = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const login = await signIn.newPage();
    await login.goto("/login");
    await login.getByLabel(en.login.email).fill(DEMO.email);
    await login.getByLabel(en.login.password).fill(DEMO.password);
    await login.getByRole("button", { name: en.login.submit }).click();
    await login.waitForURL(/\/inbox$/);
    const storageState = await signIn.storageState();
    await signIn.close();

    for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
      const contextOptions: BrowserContextOptions = { ...viewport, baseURL: server.url, locale: "en-US", storageState };
      for (const [name, path] of pages) {
        const label = `time to usable: ${name} ${viewportName}`;
        // Cold: a fresh context per run. The first runs warm the server (V8, connections), not the browser.
        const cold: Sample[] = [];
        for (let i = 0; i < WARM_UP + RUNS; i++) {
          const context = await browser.newContext(contextOptions);
          const sample = await measure(await context.newPage(), path, name);
          if (i >= WARM_UP) cold.push(sample);
          await context.close();
        }
        // Warm: one context whose HTTP cache already holds the page's scripts.
        const warm: Sample[] = [];
        const context = await browser.newContext(contextOptions);
        for (let i = 0; i < WARM_UP + RUNS; i++) {
          const page = await context.newPage();
          const sample = await measure(page, path, name);
          if (i >= WARM_UP) warm.push(sample);
          await page.close();
        }
        await context.close();
        for (const [cache, samples] of [["cold", cold], ["warm", warm]] as const) {
          const usable = samples.map((s) => s.usable);
          const breakdown = [
            `first byte ${median(samples.map((s) => s.ttfb)).toFixed(0)}`,
            `HTML done ${median(samples.map((s) => s.htmlDone)).toFixed(0)}`,
            `first paint ${median(samples.map((s) => s.fcp).filter((v) => !Number.isNaN(v))).toFixed(0)}`,
            `content shown ${median(samples.map((s) => s.shown)).toFixed(0)} ms`,
            `${median(samples.map((s) => s.apiCalls))} inbox API calls`,
          ].join(", ");
          figure(`${label} ${cache} p50`, median(usable), "ms", `target < ${TARGET_MS} ms; ${RUNS} runs; medians: ${breakdown}`);
          figure(`${label} ${cache} p90`, percentile(usable, 90), "ms");
        }
      }
    }
    for (const [name, path] of pages) {
      const bytes = await scriptBytes(browser, { ...VIEWPORTS.desktop, baseURL: server.url, locale: "en-US", storageState }, path, name);
      console.log(`client JavaScript: ${name}: ${bytes.files} files, ${kb(bytes.raw)} as served, ${kb(bytes.gzip)} gzip, ${kb(bytes.brotli)} brotli`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
