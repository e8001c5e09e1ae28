import { devices, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { ADMIN_STATE, adminInPortuguese, DEMO_PASSWORD, expect, test } from "./support";

/*
 * Business hours (issue 18): an admin in pt-BR edits the week, a holiday and the time zone, sees a bad
 * value refused in place, saves, and finds it all kept after a reload. The spec puts the demo workspace
 * back as it was (São Paulo, Monday to Friday 08:00–18:00, no holidays) for the specs after it; the zone
 * it picks, Fortaleza, is UTC−3 like São Paulo, so nothing else's dates move meanwhile.
 */

const SHOTS = process.env.PHONE_SCREENSHOTS ?? "test-results/phone";
const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];

test.use({ storageState: ADMIN_STATE, locale: "pt-BR" });

const save = async (page: Page) => {
  await page.getByRole("button", { name: "Salvar alterações" }).click();
};

test("an admin sets Monday 22:00–02:00, a holiday and the time zone, and finds them kept after a reload", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const backToEnglish = await adminInPortuguese(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/settings/business-hours");
  await expect(page.locator("main").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Horário de atendimento" })).toBeVisible();
  await expect(page.getByText(/^(Aberto|Fechado) agora$/)).toBeVisible();

  const zone = page.getByLabel("Fuso horário");
  const mondayStart = page.getByLabel("Segunda-feira: início do horário 1");
  const mondayEnd = page.getByLabel("Segunda-feira: fim do horário 1");
  await expect(zone).toHaveValue("America/Sao_Paulo");
  await expect(page.getByText(/^Agora lá: /)).toBeVisible();
  await expect(mondayStart).toHaveValue("08:00");

  await zone.selectOption("America/Fortaleza");
  await mondayStart.fill("22:00");
  await mondayEnd.fill("02:00");
  await expect(page.getByText("até o dia seguinte", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Adicionar feriado" }).click();
  await page.getByLabel("Data do feriado 1").fill("2026-12-25");
  await page.getByLabel("Nome do feriado 1").fill("Natal");

  // A holiday without a date is refused in place, and nothing is saved.
  await page.getByRole("button", { name: "Adicionar feriado" }).click();
  await save(page);
  await expect(page.getByText("Informe uma data válida.")).toBeVisible();
  await expect(page.getByLabel("Data do feriado 2")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Remover o feriado 2" }).click();

  await save(page);
  await expect(page.getByText("Alterações salvas")).toBeVisible();
  await expect(page.getByText("Informe uma data válida.")).toBeHidden();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/desktop-settings-business-hours.png`, fullPage: true });

  await page.reload();
  await expect(zone).toHaveValue("America/Fortaleza");
  await expect(mondayStart).toHaveValue("22:00");
  await expect(mondayEnd).toHaveValue("02:00");
  await expect(page.getByLabel("Data do feriado 1")).toHaveValue("2026-12-25");
  await expect(page.getByLabel("Nome do feriado 1")).toHaveValue("Natal");

  await page.setViewportSize(iPhone.viewport);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(width[0], "the page scrolls sideways at 390 px").toBeLessThanOrEqual(width[1]!);
  await page.screenshot({ path: `${SHOTS}/phone-settings-business-hours.png`, fullPage: true });

  // As it was, for the specs after this one.
  await zone.selectOption("America/Sao_Paulo");
  await mondayStart.fill("08:00");
  await mondayEnd.fill("18:00");
  await page.getByRole("button", { name: "Remover o feriado 1" }).click();
  await save(page);
  await expect(page.getByText("Alterações salvas")).toBeVisible();
  await page.reload();
  await expect(zone).toHaveValue("America/Sao_Paulo");
  await expect(page.getByText("Nenhum feriado ainda.")).toBeVisible();
  await backToEnglish();
});

test("an agent gets the ordinary 404 for the business hours screen", async ({ browser }) => {
  // A context of its own, signed out: browser.newContext() would otherwise take the admin session of test.use.
  const context = await browser.newContext({ locale: "pt-BR", storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("bruno@demo.test");
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  const response = await page.goto("/settings/business-hours");
  expect(response?.status()).toBe(404);
  await expect(page.getByLabel("Fuso horário")).toHaveCount(0);
  await context.close();
});
