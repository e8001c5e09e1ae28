import { chromium, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, whatsappChannels } from "@/lib/db/schema";
import { signBody } from "@/lib/whatsapp/signature";
import en from "@/messages/en.json";
import { ensureProductionBuild, startBenchApp } from "./production-server";
import { benchChromiumExecutable } from "./browser";
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
const OTHER_CUSTOMER = { waId: "5511966600002", name: "Cliente Ao Lado" };
const TARGET_CHAT_MS = 100;
const TARGET_LIST_MS = 150;

let sequence = 0;
async function postMessage(url: string, text: string, from = CUSTOMER): Promise<number> {
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900000001", phone_number_id: DEMO.phoneNumberId },
      contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
      messages: [{ from: from.waId, id: `wamid.bench.live.${Date.now()}.${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
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
  // A string, not a function: tsx names the functions it compiles with a helper the page does not have.
  await page.evaluate(`(() => {
    const check = () => {
      const watch = window.__live;
      if (!watch) return;
      const now = performance.timeOrigin + performance.now();
      if (watch.chat === undefined && document.querySelector('[role="log"]')?.textContent?.includes(watch.text)) watch.chat = now;
      const top = document.querySelector(${JSON.stringify(`nav[aria-label="${en.inbox.list.label}"] a`)});
      if (watch.list === undefined && top?.textContent?.includes(watch.text)) watch.list = now;
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
}

type Seen = { chat?: number; list?: number };

/** Posts `text` from `from` and answers when the page showed it where asked, on the page's clock, and the 200's time. */
async function deliverAndSee(page: Page, url: string, text: string, from: typeof CUSTOMER, where: (keyof Seen)[]) {
  await page.evaluate((t) => void ((window as unknown as { __live?: { text: string } }).__live = { text: t }), text);
  const answeredAt = await postMessage(url, text, from);
  const seen = await page
    .waitForFunction(
      (fields) => {
        const watch = (window as unknown as { __live?: Seen }).__live;
        return watch && fields.every((f) => watch[f] !== undefined) ? { chat: watch.chat, list: watch.list } : null;
      },
      where,
      { timeout: 10_000, polling: 50 },
    )
    .catch(async (error: Error) => {
      const top = await page.evaluate(`document.querySelector(${JSON.stringify(`nav[aria-label="${en.inbox.list.label}"]`)})?.innerText.slice(0, 300)`);
      throw new Error(`"${text}" did not show in the ${where.join(" and ")} within 10 s; the list read: ${JSON.stringify(top)}`, { cause: error });
    });
  return { answeredAt, seen: (await seen.jsonValue())! };
}

/**
 * One measured message in the open chat. With `behind`, another customer
 * writes first (and reaches the top of the list), so the open chat has to
 * move up to the top again, as when several customers write at once.
 */
async function measureOnce(page: Page, url: string, i: number, behind: boolean): Promise<{ chat: number; list: number }> {
  const tag = () => `${i} ${Math.random().toString(36).slice(2, 8)}`;
  if (behind) {
    await deliverAndSee(page, url, `Outra conversa ${tag()}`, OTHER_CUSTOMER, ["list"]);
    // WhatsApp's timestamps count seconds and the list orders by them: in the same second the two chats tie.
    await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
  }
  const { answeredAt, seen } = await deliverAndSee(page, url, `Mensagem ao vivo ${tag()}`, CUSTOMER, ["chat", "list"]);
  return { chat: seen.chat! - answeredAt, list: seen.list! - answeredAt };
}

/**
 * How long an agent waits to see a customer's message: the production build
 * on Postgres with the demo seed and the local Pusher server, Chromium signed
 * in as an agent with one conversation open and "Real time connected" shown.
 * Each of 30 signed webhooks for that conversation is timed from its 200 to
 * the text in the open chat and to the text at the top of the list; then 30
 * more, each after another customer's message took the top of the list.
 */
export async function benchInboxLive(db: Db, databaseUrl: string, options: { build?: boolean } = {}) {
  if (options.build) await ensureProductionBuild();
  const server = await startBenchApp(3992, databaseUrl, APP_SECRET);
  const browser = await chromium.launch({
    executablePath: benchChromiumExecutable(),
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // Both conversations exist before the agent opens one.
    await postMessage(server.url, "Oi, tudo bem?", OTHER_CUSTOMER);
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
    const onTop: number[] = [];
    const movingUp: number[] = [];
    for (const behind of [false, true]) {
      for (let i = 0; i < WARM_UP + MEASURED; i++) {
        const result = await measureOnce(page, server.url, i, behind);
        if (i >= WARM_UP) {
          if (!behind) chat.push(result.chat);
          (behind ? movingUp : onTop).push(result.list);
        }
        // Lets the chat's own follow-ups (marking it read) settle, as between two real messages.
        await page.waitForTimeout(250);
      }
    }
    const detail = `${MEASURED} messages after ${WARM_UP} warm-up, from the webhook's 200; page clock ${skew.toFixed(1)} ms from Node's`;
    figure("inbox live: message in the open chat p50", percentile(chat, 50), "ms", `target < ${TARGET_CHAT_MS} ms; ${detail}`);
    figure("inbox live: message in the open chat p90", percentile(chat, 90), "ms");
    figure("inbox live: list preview, chat already on top p50", percentile(onTop, 50), "ms", `target < ${TARGET_LIST_MS} ms`);
    figure("inbox live: list preview, chat already on top p90", percentile(onTop, 90), "ms");
    figure("inbox live: list preview, chat moving up to the top p50", percentile(movingUp, 50), "ms", `target < ${TARGET_LIST_MS} ms; another customer wrote just before`);
    figure("inbox live: list preview, chat moving up to the top p90", percentile(movingUp, 90), "ms");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
