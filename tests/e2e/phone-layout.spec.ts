import { devices, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { ADMIN_STATE, adminInPortuguese, DEMO_PASSWORD, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule: every page of the dashboard fits a phone (issue 16). At 390×844 (an
 * iPhone 13's viewport, in Chromium) and again at 360 px, no page is wider
 * than the screen, for an admin and for an agent, in pt-BR. Each screen is
 * photographed at 390×844 into PHONE_SCREENSHOTS (docs/screenshots/phone when
 * the README's pictures are refreshed) or test-results/phone.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = process.env.PHONE_SCREENSHOTS ?? "test-results/phone";

async function phoneContext(browser: Browser, storageState?: string) {
  return browser.newContext({ ...iPhone, locale: "pt-BR", storageState });
}

/** Fails when the page scrolls sideways, naming the widest elements so the failure says what to fix. */
async function expectFitsWidth(page: Page, label: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
  expect(overflow, `${label} scrolls sideways`).toBeNull();
}

async function visit(page: Page, path: string, name: string) {
  await page.goto(path);
  await expect(page.locator("main").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectFitsWidth(page, `${name} (${path}) at 390 px`);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, scale: "css" });
  await page.setViewportSize({ width: 360, height: 780 });
  await expectFitsWidth(page, `${name} (${path}) at 360 px`);
  await page.setViewportSize(iPhone.viewport);
}

/** The href of the first link in the page's main area matching `pattern`: a chat or a lead to open. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  await expect(page.locator("main a[href]").first()).toBeVisible();
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return href!;
}

const SETTINGS = [
  "whatsapp",
  "whatsapp/dead-letters",
  "templates",
  "support-agent",
  "auto-lead",
  "lead-sources",
  "bots",
  "bots/new",
  "stop-bot",
  "notification-sound",
  "webhook-forwarding",
  "webhook-forwarding/deliveries",
  "ai-integration",
  "ai-prompts",
  "ai-assistant",
  "chat-cleanup",
  "business-hours",
];

test("every page of the dashboard fits a phone for an admin", async ({ browser }) => {
  test.setTimeout(180_000);
  const restoreLanguage = await adminInPortuguese(browser);
  const context = await phoneContext(browser, ADMIN_STATE);
  const page = await context.newPage();
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55119${suffix}`, name: `Cliente Telefone ${suffix}` };
  await deliverMessages(page.request, contact, [textMessage(contact.waId, `wamid.e2e.phone.${suffix}`, "Oi! Vocês entregam em Campinas?")]);

  await visit(page, "/inbox", "admin-inbox");
  const chat = await firstHref(page, "/inbox", /^\/inbox\/[^/?]+/);
  await visit(page, chat, "admin-chat");
  // The chat's lead (made here if auto lead is off), so the lead pages have one to show.
  const createLead = page.getByRole("button", { name: "Criar lead" });
  if (await createLead.isVisible()) {
    await createLead.click();
    // The lead card's first activity (a toast says the same).
    await expect(page.getByRole("main").getByText("Lead criado")).toBeVisible();
  }
  await visit(page, "/leads", "admin-leads");
  await visit(page, "/leads?view=board", "admin-leads-board");
  const lead = await firstHref(page, "/leads", /^\/leads\/[^/?]+/);
  await visit(page, lead, "admin-lead");
  await visit(page, "/quick-replies", "admin-quick-replies");
  await visit(page, "/team", "admin-team");
  await visit(page, "/reports/agents", "admin-reports-agents");
  await visit(page, "/reports/leads", "admin-reports-leads");
  for (const section of SETTINGS) await visit(page, `/settings/${section}`, `admin-settings-${section.replace("/", "-")}`);
  await context.close();
  await restoreLanguage();
});

test("every page an agent has fits a phone", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("ana@demo.test");
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await visit(page, "/inbox", "agent-inbox");
  const chat = await firstHref(page, "/inbox", /^\/inbox\/[^/?]+/);
  await visit(page, chat, "agent-chat");
  await visit(page, "/leads", "agent-leads");
  await visit(page, "/leads?view=board", "agent-leads-board");
  const lead = await firstHref(page, "/leads", /^\/leads\/[^/?]+/);
  await visit(page, lead, "agent-lead");
  await visit(page, "/quick-replies", "agent-quick-replies");
  await context.close();
});

test("the phone's menu opens the navigation and closes on the way to another page", async ({ browser }) => {
  const context = await phoneContext(browser, ADMIN_STATE);
  const page = await context.newPage();
  await page.goto("/inbox");
  // The sidebar is gone on a phone: its links live behind the menu button.
  await expect(page.getByRole("navigation", { name: /Navegação principal|Main navigation/ })).toBeHidden();
  await page.getByRole("button", { name: /Abrir menu|Open menu/ }).click();
  const nav = page.getByRole("navigation", { name: /Navegação principal|Main navigation/ });
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: /Leads/ }).click();
  await expect(page).toHaveURL(/\/leads$/);
  await expect(nav).toBeHidden();
  await context.close();
});

test("the app can be installed: a manifest anyone can fetch, starting at the inbox, with icons", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();
  // Browsers fetch the manifest without cookies, so it must not redirect to the sign-in page.
  const response = await request.get(href!, { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as { name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: "ZapVendas", start_url: "/inbox", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src, { maxRedirects: 0 });
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", manifest.theme_color);
});
