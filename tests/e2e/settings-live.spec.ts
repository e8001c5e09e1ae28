import type { Page } from "@playwright/test";
import { OPENAI_FAKE_KEY } from "../fakes/openai-api";
import { ADMIN_STATE, DEMO_PASSWORD, deliverMessages, expect, test, textMessage, waitForRealtime } from "./support";

/*
 * Rule (issue 16): a setting that changes what a screen offers reaches open tabs in real time. An agent
 * has a chat open when an admin turns AI on in another browser: the wand appears in the composer with no
 * navigation and the draft stays. Also the settings' words: an empty number field says "Obrigatório.",
 * the OpenAI key help links to OpenAI's key page, a support agent is an "atendente".
 */

test.use({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });

const aiSwitch = (page: Page) => page.getByRole("switch", { name: "Enable OpenAI in chat" });

/** Saves the AI integration on or off from the admin's page (the fake OpenAI accepts OPENAI_FAKE_KEY). */
async function setAi(page: Page, on: boolean) {
  await page.goto("/settings/ai-integration");
  await expect(aiSwitch(page)).toBeVisible();
  if ((await aiSwitch(page).isChecked()) === on) return;
  await aiSwitch(page).click();
  if (on) await page.getByLabel("OpenAI secret key").fill(OPENAI_FAKE_KEY);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
}

async function setLanguage(page: Page, from: "en" | "pt-BR", to: "English" | "Português (Brasil)") {
  await page.getByRole("button", { name: from === "en" ? "Account menu for Admin Demo" : "Menu da conta de Admin Demo" }).click();
  await page.getByRole("menuitemradio", { name: to }).click();
}

async function photograph(page: Page, name: string) {
  for (const [width, height, size] of [[390, 844, "390"], [1280, 800, "desktop"]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/settings-live/${name}-${size}.png`, fullPage: true });
  }
}

test("the wand appears in an agent's open chat when an admin turns AI on, without navigating", async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  await page.goto("/settings/ai-integration");
  const wasOn = await aiSwitch(page).isChecked();
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55117${suffix}`, name: `Cliente Ao Vivo ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.live.${suffix}`, "Vocês entregam amanhã?")]);

  const agentContext = await browser.newContext({ storageState: undefined, locale: "pt-BR", viewport: { width: 1280, height: 800 } });
  try {
    await setAi(page, false);
    const agent = await agentContext.newPage();
    // Signed in from a pt-BR browser, so the agent reads (and the photos show) the pt-BR screens.
    await agent.goto("/login");
    await agent.getByLabel("E-mail").fill("bruno@demo.test");
    await agent.getByLabel("Senha").fill(DEMO_PASSWORD);
    await agent.getByRole("button", { name: "Entrar" }).click();
    await expect(agent).toHaveURL(/\/inbox$/);
    await agent.getByRole("link", { name: new RegExp(contact.name) }).click();
    const draft = agent.getByRole("textbox", { name: "Mensagem" });
    await draft.fill("Entregamos sim, até as 18h.");
    await waitForRealtime(agent);
    const wand = agent.getByRole("button", { name: "Assistente de IA" });
    await expect(wand).toHaveCount(0);
    const chatUrl = agent.url();

    await setAi(page, true);
    await expect(wand).toBeVisible({ timeout: 10_000 });
    expect(agent.url()).toBe(chatUrl);
    await expect(draft).toHaveValue("Entregamos sim, até as 18h.");
    await photograph(agent, "agent-chat-wand");

    await setAi(page, false);
    await expect(wand).toHaveCount(0, { timeout: 10_000 });
    await expect(draft).toHaveValue("Entregamos sim, até as 18h.");
  } finally {
    await agentContext.close();
    await setAi(page, wasOn);
  }
});

test("an empty number field says Required, the key help links to OpenAI, and pt-BR says atendente", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/settings/stop-bot");
  const hours = page.getByLabel("Restart bots after (hours)");
  const saved = await hours.inputValue();
  await hours.fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Required.", { exact: true })).toBeVisible();
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  await hours.fill("0");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Must be at least 1.")).toBeVisible();
  await page.reload();
  await expect(hours).toHaveValue(saved);

  await page.goto("/settings/ai-integration");
  const link = page.getByRole("link", { name: "OpenAI's API keys page (opens in a new tab)" });
  await expect(link).toHaveAttribute("href", "https://platform.openai.com/api-keys");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");

  await setLanguage(page, "en", "Português (Brasil)");
  try {
    await page.goto("/settings/stop-bot");
    const horas = page.getByLabel("Reiniciar bots após (horas)");
    await horas.fill("");
    await page.getByRole("button", { name: "Salvar alterações" }).click();
    await expect(page.getByText("Obrigatório.", { exact: true })).toBeVisible();
    await expect(page.getByText(/Deve ser no mínimo/)).toHaveCount(0);
    await photograph(page, "pt-stop-bot-required");

    await page.goto("/settings/ai-integration");
    await expect(page.getByRole("link", { name: "página de chaves de API da OpenAI (abre em uma nova aba)" })).toHaveAttribute("href", "https://platform.openai.com/api-keys");
    await photograph(page, "pt-ai-integration");

    await page.goto("/reports/agents");
    await expect(page.getByRole("heading", { name: "Desempenho dos atendentes" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/\bagentes?\b/i);
    await photograph(page, "pt-agent-report");
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/inbox");
    await setLanguage(page, "pt-BR", "English");
    await expect(page.getByRole("button", { name: "Account menu for Admin Demo" })).toBeVisible();
  }
});
