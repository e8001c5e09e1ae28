import { createHmac } from "node:crypto";
import { test as base, expect, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page } from "@playwright/test";
import en from "../../messages/en.json" with { type: "json" };
import ptBR from "../../messages/pt-BR.json" with { type: "json" };

export { expect };

/**
 * Every spec imports `test` from here: it fails a test when the browser
 * reported a Content-Security-Policy violation on any page it opened, in the
 * test's own context or in contexts it made with browser.newContext(). The
 * pages run under the CSP proxy.ts sends, so a blocked script or style shows
 * up here instead of as a silently broken screen.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, runTest) => {
      const violations: string[] = [];
      const watchPage = (page: Page) =>
        page.on("console", (message) => {
          if (/Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on("page", watchPage);
      };
      watchContext(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const made = await newContext(...args);
        watchContext(made);
        return made;
      };
      try {
        await runTest();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations reported in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "demo-password";
export const ADMIN_STATE = ".data/e2e/admin-state.json";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/inbox$/);
}

export async function signOut(page: Page, name: string) {
  await page.getByRole("button", { name: `Account menu for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The demo workspace's WhatsApp number id (CONTRACT.md). */
export const DEMO_NUMBER_ID = "100000000000001";
/** The DEMO=1 default of WHATSAPP_APP_SECRET: what the e2e server checks signatures with. */
const APP_SECRET = "dev-app-secret";

/** Posts `raw` to the webhook signed as Meta signs it (X-Hub-Signature-256 over the exact bytes). */
function postSignedWebhook(request: APIRequestContext, raw: string): Promise<APIResponse> {
  const signature = `sha256=${createHmac("sha256", APP_SECRET).update(raw).digest("hex")}`;
  return request.post("/api/whatsapp/webhook", { data: raw, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
}

/** A text message as the Cloud API delivers it. */
export function textMessage(from: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return { from, id, timestamp: String(timestamp), type: "text", text: { body } };
}

/** Posts one webhook change `value` (messages, statuses…) for the demo number, signed as Meta would, and expects 200. */
export async function deliverValue(request: APIRequestContext, value: Record<string, unknown>) {
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511900000001", phone_number_id: DEMO_NUMBER_ID },
      ...value,
    } }] }],
  });
  const response = await postSignedWebhook(request, raw);
  expect(response.status()).toBe(200);
}

/** Delivers one contact's messages to the demo number through the signed webhook, as Meta would, and expects 200. */
export async function deliverMessages(request: APIRequestContext, contact: { waId: string; name: string }, messages: Record<string, unknown>[]) {
  await deliverValue(request, { contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }], messages });
}

/**
 * Waits until the tab shows "Real time connected" (in either language): its
 * connection is up and every channel subscribed, so whatever the server
 * publishes from now on reaches the page.
 */
export async function waitForRealtime(page: Page) {
  const connected = new RegExp(`^(${en.realtime.connected}|${ptBR.realtime.connected})$`);
  await expect(page.getByRole("status", { name: connected })).toBeVisible({ timeout: 10_000 });
}

/**
 * The demo admin's screens in Portuguese, for a spec in a pt-BR browser. A member's saved language comes
 * before the browser's, and the run's convention is that the demo admin's stays unsaved until the specs
 * late in the run (pt-br-words, quick-replies, settings-live) save one. A spec run after those (alone, or
 * in a reused database) finds English saved: it then switches to Portuguese, and the returned function
 * switches back, so the specs after it find what they expect.
 */
export async function adminInPortuguese(browser: Browser): Promise<() => Promise<void>> {
  const open = async () => {
    const context = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    const page = await context.newPage();
    await page.goto("/settings/whatsapp");
    const english = page.getByRole("button", { name: "Account menu for Admin Demo" });
    const portuguese = page.getByRole("button", { name: "Menu da conta de Admin Demo" });
    await expect(english.or(portuguese)).toBeVisible();
    return { context, page, english, portuguese };
  };
  const first = await open();
  const savedEnglish = await first.english.isVisible();
  if (savedEnglish) {
    await first.english.click();
    await first.page.getByRole("menuitemradio", { name: "Português (Brasil)" }).click();
    await expect(first.portuguese).toBeVisible();
  }
  await first.context.close();
  if (!savedEnglish) return async () => {};
  return async () => {
    const again = await open();
    await again.portuguese.click();
    await again.page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(again.english).toBeVisible();
    await again.context.close();
  };
}
