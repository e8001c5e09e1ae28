import { mkdirSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { GRAPH_URL } from "../../playwright.config";
import { ADMIN_STATE, DEMO_PASSWORD, expect, test } from "./support";

const SHOTS = process.env.PHONE_SCREENSHOTS ?? "test-results/new-conversation";
mkdirSync(SHOTS, { recursive: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function ptBrAgent(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ storageState: undefined, locale: "pt-BR", viewport });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("ana@demo.test");
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  return { context, page };
}

test("an agent starts a conversation with a new number by sending a template, on a desktop and on a phone", async ({ browser, page }) => {
  test.setTimeout(120_000);
  // The templates come from Meta: an admin syncs them first.
  const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: DESKTOP });
  const adminPage = await admin.newPage();
  await adminPage.goto("/settings/templates");
  await adminPage.getByRole("button", { name: "Sync templates" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: /templates synced/ })).toBeVisible();
  await admin.close();

  const suffix = String(Date.now()).slice(-4);
  const typed = `(11) 9${suffix}-${suffix}`;
  const waId = `55119${suffix}${suffix}`;
  const name = `Cliente Novo ${suffix}`;

  const { context, page: ana } = await ptBrAgent(browser, DESKTOP);
  await ana.getByRole("button", { name: "Nova conversa" }).click();
  const dialog = ana.getByRole("dialog", { name: "Nova conversa" });
  // A number WhatsApp could not read is refused with the field's own message.
  await dialog.getByLabel("Número de WhatsApp").fill("123");
  await dialog.getByRole("button", { name: "Continuar" }).click();
  await expect(dialog.getByText(/Digite um número de telefone com DDD/)).toBeVisible();

  await dialog.getByLabel("Número de WhatsApp").fill(typed);
  await dialog.getByLabel("Nome (opcional)").fill(name);
  await dialog.getByRole("button", { name: "Continuar" }).click();
  await expect(dialog.getByText(`Para +55 11 9${suffix} ${suffix}`)).toBeVisible();
  await dialog.getByRole("button", { name: "Escolher hello_world (en_US)" }).click();
  await expect(dialog.getByRole("region", { name: "Prévia da mensagem" })).toContainText("Welcome and congratulations!!");
  await ana.screenshot({ path: `${SHOTS}/new-conversation-template-desktop-agent.png` });
  await dialog.getByRole("button", { name: "Enviar modelo" }).click();
  await expect(dialog).toBeHidden();

  // The new thread opens, with the template in it, and is in the list under the typed name.
  await expect(ana).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  const log = ana.getByRole("log", { name: "Mensagens" });
  await expect(log.getByText(/Welcome and congratulations!!/)).toBeVisible();
  await expect(ana.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  const requests = (await (await page.request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as { method: string; path: string; body: { to?: string; type?: string; template?: { name?: string } } }[];
  expect(requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.body.to === waId).map((r) => [r.body.type, r.body.template?.name])).toEqual([["template", "hello_world"]]);
  await context.close();

  // On a phone the same number finds the thread that now exists, and the dialog fits the screen.
  const phone = await ptBrAgent(browser, PHONE);
  await phone.page.getByRole("button", { name: "Nova conversa" }).click();
  const phoneDialog = phone.page.getByRole("dialog", { name: "Nova conversa" });
  await phoneDialog.getByLabel("Número de WhatsApp").fill(`+55 11 9${suffix} ${suffix}`);
  await phone.page.screenshot({ path: `${SHOTS}/new-conversation-number-390-agent.png` });
  await phoneDialog.getByRole("button", { name: "Continuar" }).click();
  await expect(phoneDialog.getByText("Este cliente já tem uma conversa. O modelo será enviado nela.")).toBeVisible();
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await phone.page.screenshot({ path: `${SHOTS}/new-conversation-existing-390-agent.png` });
  await phoneDialog.getByRole("link", { name: "Abrir a conversa" }).click();
  await expect(phone.page.getByRole("log", { name: "Mensagens" }).getByText(/Welcome and congratulations!!/)).toBeVisible();
  await phone.context.close();
});
