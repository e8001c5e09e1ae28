import { devices, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { createButtonBot } from "./bots-support";
import { ADMIN_STATE, adminInPortuguese, DEMO_PASSWORD, expect, test } from "./support";

/*
 * Rule (issue 18): admins build message bots on the Bots screen: a welcome
 * menu of buttons, each leading to another bot, listed with its switch;
 * agents do not see the screen and are refused at its address. Screenshots
 * of the list and the editor at 390×844 and at 1280 px, in pt-BR, go to
 * BOTS_SCREENSHOTS or test-results/bots-admin.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = process.env.BOTS_SCREENSHOTS ?? "test-results/bots-admin";
const suffix = String(Date.now()).slice(-6);
const prices = `Tabela ${suffix}`;
const delivery = `Entrega ${suffix}`;
const welcome = `Menu ${suffix}`;

test.describe.configure({ mode: "serial" });

async function expectFitsWidth(page: Page, label: string) {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(sizes.scroll, `${label}: page width ${sizes.scroll} px on a ${sizes.client} px screen`).toBeLessThanOrEqual(sizes.client);
}

/** A long page on a phone, one screenful at a time (name-0.png, name-1.png…): a full-page picture is too tall to read. */
async function shootScreens(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < height; y += 600, i++) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.screenshot({ path: `${SHOTS}/${name}-${i}.png`, scale: "css" });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

test("an admin builds a welcome menu whose two buttons lead to two bots, and turns it off and on", async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const restoreLanguage = await adminInPortuguese(browser);
  const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
  const page = await admin.newPage();
  await page.goto("/inbox");
  await page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Configurações" }).click();
  await page.getByRole("navigation", { name: "Seções de configuração" }).getByRole("link", { name: "Bots de mensagem" }).click();
  await expect(page).toHaveURL(/\/settings\/bots$/);
  await expect(page.getByRole("heading", { name: "Bots de mensagem" })).toBeVisible();

  await createButtonBot(page, prices, "Nossa tabela de preços: https://example.com/precos");
  await createButtonBot(page, delivery, "Entregamos em toda a Grande São Paulo.");

  await page.getByRole("link", { name: "Novo bot" }).click();
  await page.getByLabel("Nome", { exact: true }).fill(welcome);
  await expect(page.getByRole("radio", { name: /^Boas-vindas/ })).toBeChecked();
  await page.getByRole("radio", { name: "Botões", exact: true }).check();
  await page.getByLabel("Mensagem", { exact: true }).fill("Olá {{first_name}}! Como podemos ajudar?");
  await page.getByLabel("Título do botão 1").fill("Preços");
  await page.getByLabel("O botão 1 leva a").selectOption({ label: prices });
  await page.getByRole("button", { name: "Adicionar botão" }).click();
  // The server's field errors show at their field: WhatsApp refuses two buttons with one title.
  await page.getByLabel("Título do botão 2").fill("preços");
  await page.getByRole("button", { name: "Criar bot" }).click();
  await expect(page.getByText("Cada opção precisa de um título diferente.")).toBeVisible();
  await expect(page.getByLabel("Título do botão 2")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Título do botão 2").fill("Entrega");
  await expect(page.getByText("Cada opção precisa de um título diferente.")).toBeHidden();
  await page.getByLabel("O botão 2 leva a").selectOption({ label: delivery });
  // The live counter and the preview follow what is typed.
  await expect(page.getByText("7/20")).toBeVisible();
  const preview = page.getByRole("region", { name: "Prévia da resposta no WhatsApp" });
  await expect(preview.getByText("Olá {{first_name}}! Como podemos ajudar?")).toBeVisible();
  await expect(preview.getByText("Entrega", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/editor-desktop.png`, fullPage: true });
  await page.getByRole("button", { name: "Criar bot" }).click();
  await expect(page.getByText(`Bot “${welcome}” criado`)).toBeVisible();

  const row = page.getByRole("row", { name: new RegExp(welcome) });
  await expect(row).toContainText("Boas-vindas");
  await expect(row).toContainText("Botões");
  await expect(page.getByRole("row", { name: new RegExp(prices) })).toContainText("De 1 botão de outros bots");
  await page.screenshot({ path: `${SHOTS}/list-desktop.png`, fullPage: true });

  const toggle = row.getByRole("switch", { name: `“${welcome}” ligado` });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(page.getByText(`“${welcome}” desligado`)).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("switch", { name: `“${welcome}” ligado` })).not.toBeChecked();
  await page.getByRole("switch", { name: `“${welcome}” ligado` }).click();
  await expect(page.getByText(`“${welcome}” ligado`, { exact: true })).toBeVisible();
  await expect(page.getByRole("switch", { name: `“${welcome}” ligado` })).toBeChecked();

  // The editor keeps what was saved: the buttons and where they lead.
  await page.getByRole("link", { name: `Editar “${welcome}”` }).click();
  await expect(page.getByRole("heading", { name: "Editar bot de mensagem" })).toBeVisible();
  await expect(page.getByLabel("Título do botão 2")).toHaveValue("Entrega");
  await expect(page.getByLabel("O botão 1 leva a").locator("option:checked")).toHaveText(prices);
  const editorUrl = page.url();

  // On a phone: the list as cards and the editor, nothing wider than the screen.
  const phone = await browser.newContext({ ...iPhone, locale: "pt-BR", storageState: await admin.storageState() });
  const phonePage = await phone.newPage();
  await phonePage.goto("/settings/bots");
  await expect(phonePage.getByRole("switch", { name: `“${welcome}” ligado` })).toBeVisible();
  await phonePage.waitForLoadState("networkidle");
  await expectFitsWidth(phonePage, "bots list at 390 px");
  await phonePage.screenshot({ path: `${SHOTS}/list-phone.png`, fullPage: true, scale: "css" });
  await phonePage.goto(editorUrl);
  await expect(phonePage.getByLabel("Título do botão 1")).toHaveValue("Preços");
  await phonePage.waitForLoadState("networkidle");
  await expectFitsWidth(phonePage, "bot editor at 390 px");
  await shootScreens(phonePage, "editor-phone");
  await phonePage.goto("/settings/bots/new");
  await phonePage.getByRole("radio", { name: "Lista", exact: true }).check();
  await expectFitsWidth(phonePage, "new list bot at 390 px");
  await shootScreens(phonePage, "editor-list-phone");
  await phone.close();

  // Deleting a bot a button leads to says so; the menu's button stays, leading nowhere. The bots go, so later specs meet no welcome bot.
  await page.goto("/settings/bots");
  await page.getByRole("button", { name: `Excluir “${prices}”` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Excluir “${prices}”?` });
  await expect(dialog).toContainText("1 botão ou item de lista de outro bot leva até aqui");
  await dialog.getByRole("button", { name: "Excluir" }).click();
  await expect(page.getByText("Bot excluído")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(prices) })).toHaveCount(0);
  for (const name of [welcome, delivery]) {
    await page.getByRole("button", { name: `Excluir “${name}”` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Excluir" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  }

  await admin.close();
  await restoreLanguage();
});

test("an agent does not see the Bots screen and is refused at its address", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/^(E-mail)$/).fill("ana@demo.test");
  await page.getByLabel(/^(Password|Senha)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(Sign in|Entrar)$/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  const nav = page.getByRole("navigation", { name: /^(Main navigation|Navegação principal)$/ });
  await expect(nav.getByRole("link", { name: /^(Inbox|Caixa de entrada)/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: /Settings|Configurações|Bots/ })).toHaveCount(0);
  for (const path of ["/settings/bots", "/settings/bots/new", "/settings/bots/00000000-0000-4000-8000-000000000000"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: /Page not found|Página não encontrada/ }), path).toBeVisible();
    await expect(page.getByRole("link", { name: /Novo bot|New bot/ })).toHaveCount(0);
  }
  await context.close();
});
