import { devices, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { GRAPH_URL, OPENAI_ORIGIN } from "../../playwright.config";
import { OPENAI_FAKE_KEY } from "../fakes/openai-api";
import { ADMIN_STATE, DEMO_PASSWORD, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule: an agent answers a customer from a phone (issue 16). On an iPhone 13's
 * screen (in Chromium), in pt-BR, Ana opens a chat from the list, replies, asks
 * the AI wand for a reply and inserts it, and goes back to the list with its
 * search kept; nothing in the chat is wider than the screen. The list says
 * whose reply it was: "Você:" to Ana, her first name to the admin.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = process.env.PHONE_SCREENSHOTS ?? "test-results/phone";
const AI_TEXT = "Entregamos sim! Posso confirmar seu endereço?";

/** What the Graph API fake was asked to send to this customer. */
async function graphMessagesTo(request: APIRequestContext, waId: string): Promise<string[]> {
  const log = (await (await request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as {
    method: string;
    path: string;
    body?: { to?: string; text?: { body?: string } };
  }[];
  return log.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.body?.to === waId).map((r) => r.body?.text?.body ?? "");
}

/** Turns "Enable OpenAI in chat" on or off on the admin's (English) settings page; returns whether it was on. */
async function setAiEnabled(page: Page, on: boolean): Promise<boolean> {
  await page.goto("/settings/ai-integration");
  const enabled = page.getByRole("switch", { name: "Enable OpenAI in chat" });
  await expect(enabled).toBeVisible();
  const was = await enabled.isChecked();
  if (was === on) return was;
  await enabled.click();
  if (on) await page.getByLabel("OpenAI secret key").fill(OPENAI_FAKE_KEY);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  return was;
}

/** Fails when the page scrolls sideways. */
async function expectFitsWidth(page: Page, label: string) {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(sizes.scroll, `${label}: page width ${sizes.scroll} px on a ${sizes.client} px screen`).toBeLessThanOrEqual(sizes.client);
}

test("an agent answers from her phone, with the AI wand, and the list says whose reply it was", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });
  const adminPage = await admin.newPage();
  const aiWasOn = await setAiEnabled(adminPage, true);
  try {
    await request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: { kind: "reply", text: AI_TEXT } });
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55117${suffix}`, name: `Cliente Celular ${suffix}` };
    await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.phone-inbox.${suffix}`, "Oi! Vocês entregam hoje?")]);

    const phone = await browser.newContext({ ...iPhone, locale: "pt-BR" });
    const page = await phone.newPage();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("ana@demo.test");
    await page.getByLabel("Senha").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page).toHaveURL(/\/inbox$/);

    // A search in the list, which the way back must keep.
    await page.getByRole("searchbox", { name: "Buscar conversas" }).fill(contact.name);
    await expect(page).toHaveURL(/\?q=/);
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    await expect(page).toHaveURL(/\/inbox\/[^/?]+\?q=/);
    const log = page.getByRole("log", { name: "Mensagens" });
    await expect(log.getByText("Oi! Vocês entregam hoje?")).toBeVisible();
    await expectFitsWidth(page, "the chat");

    // The header's secondary actions are behind "more" on a phone.
    await page.getByRole("button", { name: "Mais ações" }).click();
    await expect(page.getByRole("menuitem", { name: "Resolver" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Histórico" })).toBeVisible();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/agent-chat-menu.png`, scale: "css" });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);

    const draft = page.getByRole("textbox", { name: "Mensagem" });
    const send = page.getByRole("button", { name: "Enviar" });
    const wand = page.getByRole("button", { name: "Assistente de IA" });
    await expect(send).toBeInViewport();
    await expect(wand).toBeInViewport();
    const reply = `Oi! Entregamos sim (${suffix}).`;
    await draft.fill(reply);
    await send.click();
    await expect(draft).toHaveValue("");
    await expect(log.getByText(reply)).toBeVisible();
    await expect.poll(() => graphMessagesTo(request, contact.waId)).toEqual([reply]);

    // The wand's suggestion shows above the message box, within the screen, and goes into the draft.
    await wand.click();
    await page.getByRole("menuitem", { name: "Resposta inteligente" }).click();
    const suggestion = page.getByRole("region", { name: "Sugestão da IA" });
    await expect(suggestion).toContainText(AI_TEXT);
    await expect(suggestion.getByRole("button", { name: "Inserir" })).toBeInViewport();
    await expectFitsWidth(page, "the chat with the AI suggestion");
    await page.screenshot({ path: `${SHOTS}/agent-chat-wand.png`, scale: "css" });
    await suggestion.getByRole("button", { name: "Inserir" }).click();
    await expect(suggestion).toBeHidden();
    await expect(draft).toHaveValue(AI_TEXT);
    await expect(send).toBeEnabled();
    expect(await graphMessagesTo(request, contact.waId), "inserting a suggestion sends nothing").toEqual([reply]);

    await page.getByRole("link", { name: "Voltar para as conversas" }).click();
    await expect(page).toHaveURL(/\/inbox\?q=/);
    await expect(page.getByRole("searchbox", { name: "Buscar conversas" })).toHaveValue(contact.name);
    await expect(page.getByRole("link", { name: new RegExp(contact.name) })).toContainText(`Você: ${reply}`);
    await page.screenshot({ path: `${SHOTS}/agent-inbox-after-reply.png`, scale: "css" });
    await phone.close();

    // The admin, at a desk, reads who answered.
    await adminPage.goto(`/inbox?q=${encodeURIComponent(contact.name)}`);
    const row = adminPage.getByRole("link", { name: new RegExp(contact.name) });
    await expect(row).toContainText(`Ana: ${reply}`);
    await expect(row).not.toContainText("You:");
    // At a desk the header keeps every control in sight, as before the phone layout.
    await row.click();
    await expect(adminPage.getByRole("button", { name: "Resolve" })).toBeVisible();
    await expect(adminPage.getByRole("button", { name: "History" })).toBeVisible();
    await expect(adminPage.getByRole("button", { name: "More actions" })).toBeHidden();
    await adminPage.screenshot({ path: `${SHOTS}/admin-chat-desktop.png` });
  } finally {
    if (!aiWasOn) await setAiEnabled(adminPage, false);
    await request.post(`${OPENAI_ORIGIN}/__fake/reset`);
    await admin.close();
  }
});
