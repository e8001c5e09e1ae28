import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, whatsappChannels } from "@/lib/db/schema";
import { signBody } from "@/lib/whatsapp/signature";
import en from "@/messages/en.json";
import { ensureProductionBuild, startBenchApp } from "./production-server";
import { figure, percentile } from "./stats";

const MEASURED = 30;
const WARM_UP = 5;
const APP_SECRET = "bench-app-secret";
/**
 * The demo seed's number and agent (CONTRACT.md; lib/seed/demo.ts, which this
 * script cannot import: it pulls in next-intl's React half under the bench's
 * react-server condition).
 */
const DEMO = { phoneNumberId: "100000000000001", password: "demo-password" };
const AGENT = { email: "bruno@demo.test" };
const CUSTOMER = { waId: "5511966600001", name: "Cliente Ao Vivo" };
const TARGET_CHAT_MS = 100;
const TARGET_LIST_MS = 150;

/** Debian's Chromium unless told otherwise, as playwright.config.ts falls back to. */
function chromiumExecutable(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

let sequence = 0;
async function postMessage(url: string, text: string): Promise<number> {
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900000001", phone_number_id: DEMO.phoneNumberId },
      contacts: [{ profile: { name: CUSTOMER.name }, wa_id: CUSTOMER.waId }],
      messages: [{ from: CUSTOMER.waId, id: `wamid.bench.live.${Date.now()}.${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
    } }] }],
  });
  const response = await fetch(`${url}/api/whatsapp/webhook`, {
    method: "POST",
    body: raw,
    headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) },
  });
  // The moment the 200 arrives: everything after it is what the agent waits for.
  const answeredAt = Date.now();
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return answeredAt;
}

/**
 * Records in the page, on the page's wall clock (timeOrigin + now, the same
 * machine's clock as Date.now() in Node), when the awaited text first enters
 * the open chat's log and the top row of the conversation list. A
 * MutationObserver runs right after each DOM change, so no polling delay
 * is measured.
 */
async function installWatcher(page: Page) {
  await page.evaluate((listLabel) => {
    type Watch = { text: string; chat?: number; list?: number };
    const w = window as unknown as { __live?: Watch };
    const check = () => {
      const watch = w.__live;
      if (!watch) return;
      const now = performance.timeOrigin + performance.now();
      if (watch.chat === undefined && document.querySelector('[role="log"]')?.textContent?.includes(watch.text)) watch.chat = now;
      const top = document.querySelector(`nav[aria-label="${listLabel}"] a`);
      if (watch.list === undefined && top?.textContent?.includes(watch.text)) watch.list = now;
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, en.inbox.list.label);
}

async function measureOnce(page: Page, url: string, i: number): Promise<{ chat: number; list: number }> {
  const text = `Mensagem ao vivo ${i} ${Math.random().toString(36).slice(2, 8)}`;
  await page.evaluate((t) => void ((window as unknown as { __live?: { text: string } }).__live = { text: t }), text);
  const answeredAt = await postMessage(url, text);
  const seen = await page.waitForFunction(
    () => {
      const watch = (window as unknown as { __live?: { chat?: number; list?: number } }).__live;
      return watch?.chat !== undefined && watch.list !== undefined ? { chat: watch.chat, list: watch.list } : null;
    },
    undefined,
    { timeout: 10_000, polling: 50 },
  );
  const { chat, list } = (await seen.jsonValue())!;
  return { chat: chat - answeredAt, list: list - answeredAt };
}

/**
 * How long an agent waits to see a customer's message: the production build
 * on Postgres with the demo seed and the local Pusher server, Chromium signed
 * in as an agent with one conversation open and "Real time connected" shown.
 * Each of 30 signed webhooks for that conversation is timed from its 200 to
 * the text in the open chat and to the text at the top of the list.
 */
export async function benchInboxLive(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  if (options.build) await ensureProductionBuild();
  const server = await startBenchApp(3992, databaseUrl, APP_SECRET);
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // The conversation exists before the agent opens it.
    await postMessage(server.url, "Olá, alguém aí?");
    const [open] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(whatsappChannels, eq(whatsappChannels.workspaceId, conversations.workspaceId))
      .where(and(eq(whatsappChannels.phoneNumberId, DEMO.phoneNumberId), eq(contacts.waId, CUSTOMER.waId)));

    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.login.email).fill(AGENT.email);
    await page.getByLabel(en.login.password).fill(DEMO.password);
    await page.getByRole("button", { name: en.login.submit }).click();
    await page.waitForURL(/\/inbox$/);
    await page.goto(`/inbox/${open!.id}`);
    await page.getByRole("log").waitFor();
    await page.getByRole("status", { name: en.realtime.connected }).waitFor({ timeout: 10_000 });
    await installWatcher(page);
    const skew = await page.evaluate(() => Date.now() - (performance.timeOrigin + performance.now()));

    const chat: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < WARM_UP + MEASURED; i++) {
      const result = await measureOnce(page, server.url, i);
      if (i >= WARM_UP) {
        chat.push(result.chat);
        list.push(result.list);
      }
      // Lets the chat's own follow-ups (marking it read) settle, as between two real messages.
      await page.waitForTimeout(250);
    }
    const detail = `${MEASURED} messages after ${WARM_UP} warm-up, from the webhook's 200; page clock ${skew.toFixed(1)} ms from Node's`;
    figure("inbox live: message in the open chat p50", percentile(chat, 50), "ms", `target < ${TARGET_CHAT_MS} ms; ${detail}`);
    figure("inbox live: message in the open chat p90", percentile(chat, 90), "ms");
    figure("inbox live: conversation list preview p50", percentile(list, 50), "ms", `target < ${TARGET_LIST_MS} ms`);
    figure("inbox live: conversation list preview p90", percentile(list, 90), "ms");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
