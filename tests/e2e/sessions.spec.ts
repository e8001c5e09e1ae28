import { request as requests, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { ADMIN_STATE, expect, signInAs, signOut, test } from "./support";

/** The session cookies a browser holds, as a Cookie header someone could have copied. */
async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** GET /api/inbox/conversations from a client that holds nothing but the given Cookie header. */
async function inboxApiStatus(cookie: string): Promise<number> {
  const client = await requests.newContext({ baseURL: BASE_URL });
  try {
    return (await client.get("/api/inbox/conversations", { headers: { cookie } })).status();
  } finally {
    await client.dispose();
  }
}

/** A new agent of the demo workspace, added by the admin, so changing the password touches no shared login. */
async function addAgent(admin: Page, name: string, email: string, password: string) {
  await admin.goto("/team");
  await admin.getByRole("button", { name: "Add agent" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add an agent" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Initial password").fill(password);
  await dialog.getByRole("button", { name: "Add agent" }).click();
  await expect(dialog).toBeHidden();
}

async function signInPtBr(browser: Browser, email: string, password: string) {
  // A phone-sized screen: the menu and its dialogs must fit 390 px.
  const context = await browser.newContext({ storageState: undefined, locale: "pt-BR", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  return { context, page };
}

test("signing out ends the session: a copy of the cookie kept from before gets 401", async ({ page }) => {
  await signInAs(page, "ana@demo.test");
  const kept = await cookieHeader(page.context());
  expect(await inboxApiStatus(kept)).toBe(200);

  await signOut(page, "Ana Souza");
  expect(await inboxApiStatus(kept)).toBe(401);
});

test.describe("the user menu's account controls", () => {
  test.use({ storageState: ADMIN_STATE });

  test("changing the password keeps this browser in and signs the others out; signing out of all devices ends every session (pt-BR too)", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const suffix = Date.now();
    const name = `Dora ${suffix}`;
    const email = `dora-${suffix}@demo.test`;
    await addAgent(page, name, email, "dora-password-1");

    const laptop = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const laptopPage = await laptop.newPage();
    await signInAs(laptopPage, email, "dora-password-1");
    const phone = await signInPtBr(browser, email, "dora-password-1");
    const phoneCookie = await cookieHeader(phone.context);

    await laptopPage.getByRole("button", { name: `Account menu for ${name}` }).click();
    await laptopPage.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = laptopPage.getByRole("dialog", { name: "Change your password" });
    await dialog.getByLabel("Current password", { exact: true }).fill("not-the-password");
    await dialog.getByLabel("New password", { exact: true }).fill("dora-password-2");
    await dialog.getByLabel("Confirm the new password").fill("dora-password-2");
    await dialog.getByRole("button", { name: "Change password" }).click();
    await expect(dialog.getByText("The current password is not correct.")).toBeVisible();
    await expect(dialog.getByLabel("Current password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await laptopPage.screenshot({ path: test.info().outputPath("change-password-desktop.png") });

    await dialog.getByLabel("Current password", { exact: true }).fill("dora-password-1");
    await dialog.getByRole("button", { name: "Change password" }).click();
    await expect(laptopPage.getByText("Password changed. Other sessions signed out: 1.")).toBeVisible();
    await expect(dialog).toBeHidden();

    // This browser stays in; the phone's session ended, whoever holds its cookie.
    await laptopPage.goto("/inbox");
    await expect(laptopPage).toHaveURL(/\/inbox$/);
    expect(await inboxApiStatus(phoneCookie)).toBe(401);
    await phone.page.goto("/inbox");
    await expect(phone.page).toHaveURL(/\/login/);
    await phone.context.close();

    // The new password signs in (in Portuguese this time), and "sign out of all devices" ends both sessions.
    const again = await signInPtBr(browser, email, "dora-password-2");
    const laptopCookie = await cookieHeader(laptop);
    // On a phone the account menu sits in the navigation sheet behind the top bar's menu button.
    await again.page.getByRole("button", { name: "Abrir menu" }).click();
    await again.page.getByRole("button", { name: `Menu da conta de ${name}` }).click();
    await expect(again.page.getByRole("menuitem", { name: "Alterar senha" })).toBeVisible();
    await again.page.screenshot({ path: test.info().outputPath("user-menu-390.png") });
    await again.page.getByRole("menuitem", { name: "Sair de todos os dispositivos" }).click();
    const confirm = again.page.getByRole("alertdialog", { name: "Sair de todos os dispositivos?" });
    await expect(confirm).toBeVisible();
    await again.page.screenshot({ path: test.info().outputPath("sign-out-everywhere-390.png") });
    await confirm.getByRole("button", { name: "Sair de todos" }).click();
    await expect(again.page).toHaveURL(/\/login/);

    expect(await inboxApiStatus(laptopCookie)).toBe(401);
    await laptopPage.goto("/inbox");
    await expect(laptopPage).toHaveURL(/\/login/);
    await again.context.close();
    await laptop.close();
  });
});
