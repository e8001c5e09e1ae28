import { devices, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule (docs/performance.md): the menus, sheets and dialogs whose code loads
 * on first use still open from their buttons on the first press, show what
 * they showed before, and hand focus back to their button when closed.
 * Photographed into test-results/lazy-panels, in pt-BR, at 1280×800 and 390×844.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = "test-results/lazy-panels";

async function signedIn(browser: Browser, email: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext(phone ? { ...iPhone, locale: "pt-BR" } : { viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  return page;
}

async function openChat(page: Page, name: string) {
  await page.getByRole("searchbox", { name: "Buscar conversas" }).fill(name);
  // The search reaches the URL after a pause; a click before that would be undone by it.
  await expect(page).toHaveURL(/\?q=/);
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("log", { name: "Mensagens" })).toBeVisible();
}

test("on a desktop the account menu, the assignee picker and the history open on the first press and give focus back", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55116${suffix}`, name: `Cliente Preguiçoso ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.lazy.${suffix}`, "Bom dia, vocês abrem sábado?")]);

  for (const [who, email] of [["admin", "admin@demo.test"], ["agent", "ana@demo.test"]] as const) {
    const page = await signedIn(browser, email, false);
    const account = page.getByRole("button", { name: /^Menu da conta de / });
    await account.click();
    await expect(page.getByRole("menuitemradio", { name: "English" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-account-menu-1280.png` });
    await page.getByRole("menuitem", { name: "Alterar senha" }).click();
    const passwordDialog = page.getByRole("dialog", { name: "Alterar sua senha" });
    await expect(passwordDialog).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-change-password-1280.png` });
    await page.keyboard.press("Escape");
    await expect(passwordDialog).toBeHidden();
    await expect(account).toBeFocused();

    await openChat(page, contact.name);
    // An agent may have no choice on a colleague's chat (the button is then disabled): the admin always has.
    if (who === "admin") {
      const picker = page.getByRole("button", { name: /^(Atribuir conversa|Responsável:)/ });
      await picker.click();
      const dialog = page.getByRole("dialog", { name: "Atribuir conversa" });
      await expect(dialog).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/${who}-assignee-picker-1280.png` });
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(picker).toBeFocused();
    }

    const history = page.getByRole("button", { name: "Histórico" });
    await history.click();
    await expect(page.getByRole("dialog", { name: "Histórico de atribuições" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-history-1280.png` });
    await page.keyboard.press("Escape");
    await expect(history).toBeFocused();
    await page.context().close();
  }
});

test("on a phone the menu sheet and the chat's more menu open on the first press and give focus back", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55115${suffix}`, name: `Cliente Sheet ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.lazy-phone.${suffix}`, "Oi, tem entrega grátis?")]);

  for (const [who, email] of [["admin", "admin@demo.test"], ["agent", "ana@demo.test"]] as const) {
    const page = await signedIn(browser, email, true);
    const menu = page.getByRole("button", { name: "Abrir menu" });
    await menu.click();
    const nav = page.getByRole("navigation", { name: "Navegação principal" });
    await expect(nav).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-menu-sheet-390.png`, scale: "css" });
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();

    await openChat(page, contact.name);
    const more = page.getByRole("button", { name: "Mais ações" });
    await more.click();
    await page.getByRole("menuitem", { name: "Histórico" }).click();
    await expect(page.getByRole("dialog", { name: "Histórico de atribuições" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-history-390.png`, scale: "css" });
    await page.keyboard.press("Escape");
    await expect(more).toBeFocused();

    await more.click();
    await page.getByRole("menuitem", { name: /^(Atribuir conversa|Responsável:)/ }).click();
    await expect(page.getByRole("dialog", { name: "Atribuir conversa" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${who}-assignee-picker-390.png`, scale: "css" });
    await page.keyboard.press("Escape");
    await expect(more).toBeFocused();
    await page.context().close();
  }
});

test("a panel whose code is slow says it is loading, and one whose code cannot be fetched says so and opens on a later try", async ({ browser }) => {
  test.setTimeout(90_000);
  for (const phone of [false, true]) {
    const size = phone ? "390" : "1280";
    const page = await signedIn(browser, "ana@demo.test", phone);
    const button = page.getByRole("button", { name: "Nova conversa" });
    await expect(button).toBeVisible();

    // Offline (or a deployment that replaced the scripts): the press is answered, and the page stays.
    await page.route("**/_next/static/chunks/**", (route) => route.abort("internetdisconnected"));
    await button.click();
    const failed = page.getByRole("alertdialog", { name: "Não foi possível abrir. Verifique sua conexão e tente novamente." });
    await expect(failed).toBeVisible();
    await expect(failed.getByRole("button", { name: "Tentar novamente" })).toBeFocused();
    // The card is modal: Tab stays on its two buttons.
    await page.keyboard.press("Tab");
    await expect(failed.getByRole("button", { name: "Fechar" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(failed.getByRole("button", { name: "Tentar novamente" })).toBeFocused();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/agent-load-failed-${size}.png`, scale: "css" });
    await failed.getByRole("button", { name: "Fechar" }).click();
    await expect(failed).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-expanded", "false");

    // Pressed again, it tries again; Escape closes the card too.
    await button.click();
    await expect(failed).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(failed).toBeHidden();
    await expect(button).toBeFocused();

    // A menu whose code cannot be fetched says so too (on a phone the account button is in the menu sheet, loaded).
    if (!phone) {
      const account = page.getByRole("button", { name: /^Menu da conta de / });
      await account.click();
      await expect(failed).toBeVisible();
      await failed.getByRole("button", { name: "Fechar" }).click();
      await expect(failed).toBeHidden();
      await expect(account).toBeFocused();
    }

    // A slow connection: "Loading…" until the code arrives, then the dialog itself.
    await page.unroute("**/_next/static/chunks/**");
    await page.route("**/_next/static/chunks/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await button.click();
    const loading = page.getByRole("status").filter({ hasText: "Carregando…" });
    await expect(loading).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/agent-loading-${size}.png`, scale: "css" });
    const dialog = page.getByRole("dialog", { name: "Nova conversa" });
    await expect(dialog).toBeVisible();
    await expect(loading).toBeHidden();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    await page.context().close();
  }
});
