import { devices, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { GRAPH_URL } from "../../playwright.config";
import { ADMIN_STATE, DEMO_PASSWORD, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule (issue 17): a member keeps quick replies and inserts one in a chat by
 * typing "/" and its shortcut. The list filters as they type, the keyboard
 * drives it, and choosing puts the reply's text, its variables filled, in the
 * message box for editing: it never sends by itself. Admins write the
 * workspace's replies; agents read them and keep their own.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = process.env.QUICK_REPLIES_SCREENSHOTS ?? "test-results/quick-replies";

/** What the Graph API fake was asked to send to this customer. */
async function graphMessagesTo(request: APIRequestContext, waId: string): Promise<string[]> {
  const log = (await (await request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as {
    method: string;
    path: string;
    body?: { to?: string; text?: { body?: string } };
  }[];
  return log.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.body?.to === waId).map((r) => r.body?.text?.body ?? "");
}

/** Fails when the page scrolls sideways. */
async function expectFitsWidth(page: Page, label: string) {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(sizes.scroll, `${label}: page width ${sizes.scroll} px on a ${sizes.client} px screen`).toBeLessThanOrEqual(sizes.client);
}

async function signInAgent(browser: Browser, options: Parameters<Browser["newContext"]>[0], labels = { email: "E-mail", password: "Password", submit: "Sign in" }) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(labels.email).fill("ana@demo.test");
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  return { context, page };
}

const suffix = String(Date.now()).slice(-8);

test.describe.configure({ mode: "serial" });

test("an admin writes a workspace reply; an agent sees it read-only and keeps her own", async ({ browser }) => {
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  const adminPage = await admin.newPage();
  await adminPage.goto("/inbox");
  // The admin's language is stored for the member, and other specs leave it on English: choose Portuguese here, English again at the end.
  await adminPage.getByRole("button", { name: /^(Account menu for|Menu da conta de) Admin Demo$/ }).click();
  await adminPage.getByRole("menuitemradio", { name: "Português (Brasil)" }).click();
  await adminPage.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Respostas rápidas" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Respostas rápidas" })).toBeVisible();
  await adminPage.getByRole("button", { name: "Nova resposta do espaço de trabalho" }).click();
  const dialog = adminPage.getByRole("dialog", { name: "Nova resposta do espaço de trabalho" });
  await dialog.getByLabel("Título").fill(`Endereço da loja ${suffix}`);
  await dialog.getByLabel("Atalho").fill(`/Endereco${suffix}`);
  await dialog.getByLabel("Texto").fill("Olá {{first_name}}! Estamos na Rua das Flores, 100.");
  await dialog.getByRole("button", { name: "Salvar alterações" }).click();
  await expect(adminPage.getByText("Resposta rápida adicionada")).toBeVisible();
  const workspaceList = adminPage.getByRole("region", { name: "Respostas do espaço de trabalho" });
  await expect(workspaceList.getByRole("row", { name: new RegExp(`/endereco${suffix}`) })).toBeVisible();
  await expect(workspaceList.getByRole("button", { name: `Editar /endereco${suffix}` })).toBeVisible();
  await adminPage.screenshot({ path: `${SHOTS}/admin-page-desktop.png`, fullPage: true });

  // The same shortcut again in the same list is a field error in the form.
  await adminPage.getByRole("button", { name: "Nova resposta do espaço de trabalho" }).click();
  await dialog.getByLabel("Título").fill("Outra");
  await dialog.getByLabel("Atalho").fill(`endereco${suffix}`);
  await dialog.getByLabel("Texto").fill("Outro texto");
  await dialog.getByRole("button", { name: "Salvar alterações" }).click();
  await expect(dialog.getByText("Este atalho já está em uso nesta lista. Escolha outro.")).toBeVisible();
  await adminPage.screenshot({ path: `${SHOTS}/admin-duplicate-desktop.png` });
  await dialog.getByRole("button", { name: "Cancelar" }).click();

  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.reload();
  await expect(workspaceList.getByText(`/endereco${suffix}`)).toBeVisible();
  await expectFitsWidth(adminPage, "the admin's quick replies page on a phone");
  await adminPage.screenshot({ path: `${SHOTS}/admin-page-phone.png`, fullPage: true });
  await adminPage.setViewportSize({ width: 1280, height: 800 });
  await adminPage.getByRole("button", { name: "Menu da conta de Admin Demo" }).click();
  await adminPage.getByRole("menuitemradio", { name: "English" }).click();
  await expect(adminPage.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await admin.close();

  const { context, page } = await signInAgent(browser, { ...iPhone, locale: "pt-BR" }, { email: "E-mail", password: "Senha", submit: "Entrar" });
  await page.getByRole("button", { name: "Abrir menu" }).click();
  await page.getByRole("link", { name: "Respostas rápidas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Respostas rápidas" })).toBeVisible();
  const agentWorkspaceList = page.getByRole("region", { name: "Respostas do espaço de trabalho" });
  await expect(agentWorkspaceList.getByText(`/endereco${suffix}`)).toBeVisible();
  await expect(agentWorkspaceList.getByText("só um administrador pode alterá-las")).toBeVisible();
  await expect(page.getByRole("button", { name: "Nova resposta do espaço de trabalho" })).toHaveCount(0);
  await expect(agentWorkspaceList.getByRole("button", { name: `Editar /endereco${suffix}` })).toHaveCount(0);

  await page.getByRole("button", { name: "Nova resposta pessoal" }).click();
  const own = page.getByRole("dialog", { name: "Nova resposta pessoal" });
  await own.getByLabel("Título").fill("Agradecimento");
  await own.getByLabel("Atalho").fill("dois termos");
  await own.getByLabel("Texto").fill("Obrigada, {{first_name}}! Qualquer coisa é só chamar. {{agent_name}}");
  await own.getByRole("button", { name: "Salvar alterações" }).click();
  await expect(own.getByText("Use de 1 a 32 letras, números, - ou _, sem espaços.")).toBeVisible();
  await own.getByLabel("Atalho").fill(`/Obg${suffix}`);
  await own.getByRole("button", { name: "Salvar alterações" }).click();
  await expect(page.getByText("Resposta rápida adicionada")).toBeVisible();
  await expect(page.getByRole("region", { name: "Minhas respostas" }).getByRole("button", { name: `Editar /obg${suffix}` })).toBeVisible();
  await expectFitsWidth(page, "the agent's quick replies page on a phone");
  await page.screenshot({ path: `${SHOTS}/agent-page-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/agent-page-desktop.png`, fullPage: true });
  await context.close();
});

test("an agent picks a quick reply with the keyboard: it lands in the box filled in, nothing is sent until she sends", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const contact = { waId: `55119${suffix}`, name: `Maria Rápida ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.quick.${suffix}`, "Oi, onde fica a loja?")]);
  const { context, page } = await signInAgent(browser, { viewport: { width: 1280, height: 800 } });
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText("Oi, onde fica a loja?")).toBeVisible();

  const draft = page.getByRole("textbox", { name: "Message" });
  const list = page.getByRole("listbox", { name: "Quick replies" });
  await draft.click();
  await draft.pressSequentially("Claro! /");
  await expect(list).toBeVisible();
  await expect(list.getByRole("option", { name: new RegExp(`/endereco${suffix}`) })).toBeVisible();
  await expect(list.getByRole("option", { name: new RegExp(`/obg${suffix}`) })).toBeVisible();

  // Filtering by the shortcut's start, then by a word of the title.
  await draft.pressSequentially(`obg${suffix.slice(0, 3)}`);
  await expect(list.getByRole("option")).toHaveCount(1);
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.press("Backspace");
  await expect(list.getByRole("option", { name: new RegExp(`/endereco${suffix}`) })).toBeVisible();

  // The arrows move the highlight, which the box names through aria-activedescendant.
  const options = list.getByRole("option");
  const count = await options.count();
  expect(count).toBeGreaterThan(1);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(draft).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await expect(draft).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
  await draft.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(options.first()).toHaveAttribute("aria-selected", "false");
  await expect(draft).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await draft.press("ArrowUp");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");

  // Escape closes the list and leaves the text; typing on in the same word keeps it closed.
  await draft.press("Escape");
  await expect(list).toBeHidden();
  await expect(draft).toHaveValue("Claro! /");
  await draft.pressSequentially("ob");
  await expect(list).toBeHidden();
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.press("Backspace");
  await draft.pressSequentially("/");
  await expect(list).toBeVisible();

  // Filter to the agent's reply, walk to it and choose it with Enter.
  await draft.pressSequentially(`obg${suffix}`);
  await expect(options).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/agent-composer-list-desktop.png` });
  await draft.press("Enter");
  await expect(list).toBeHidden();
  const filled = "Claro! Obrigada, Maria! Qualquer coisa é só chamar. Ana Souza";
  await expect(draft).toHaveValue(filled);
  await expect(draft).not.toHaveAttribute("aria-activedescendant");
  // Enter chose; it did not send: the one message WhatsApp gets below is the edited one.

  // The agent edits it, then sends it herself.
  await draft.press("End");
  await draft.pressSequentially(" :)");
  await draft.press("Enter");
  await expect(draft).toHaveValue("");
  await expect(log.getByText(`${filled} :)`)).toBeVisible();
  await expect.poll(() => graphMessagesTo(request, contact.waId)).toEqual([`${filled} :)`]);
  await context.close();
});

test("on a phone the list is tapped and fits the screen; Tab chooses too", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const contact = { waId: `55118${suffix}`, name: `Cliente Toque ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.quick-phone.${suffix}`, "Qual o endereço?")]);
  const { context, page } = await signInAgent(browser, { ...iPhone, locale: "pt-BR" }, { email: "E-mail", password: "Senha", submit: "Entrar" });
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();
  const draft = page.getByRole("textbox", { name: "Mensagem" });
  const list = page.getByRole("listbox", { name: "Respostas rápidas" });
  await draft.click();
  await draft.pressSequentially("/");
  await expect(list).toBeVisible();
  await draft.pressSequentially("loja");
  const option = list.getByRole("option", { name: new RegExp(`/endereco${suffix}`) });
  await expect(option).toBeVisible();
  await expect(option).toBeInViewport();
  await expectFitsWidth(page, "the chat with the quick reply list");
  await page.screenshot({ path: `${SHOTS}/agent-composer-list-phone.png`, scale: "css" });
  await option.tap();
  await expect(list).toBeHidden();
  await expect(draft).toHaveValue("Olá Cliente! Estamos na Rua das Flores, 100.");
  await expect(draft).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/agent-composer-inserted-phone.png`, scale: "css" });

  // Tab chooses the highlighted reply as well, after text already in the box.
  await draft.fill("");
  await draft.pressSequentially(`Oi /obg${suffix}`);
  await expect(list.getByRole("option")).toHaveCount(1);
  await draft.press("Tab");
  await expect(draft).toHaveValue("Oi Obrigada, Cliente! Qualquer coisa é só chamar. Ana Souza");
  // Tab chose without sending: when she sends, WhatsApp gets this one message and nothing before it.
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(draft).toHaveValue("");
  await expect.poll(() => graphMessagesTo(request, contact.waId)).toEqual(["Oi Obrigada, Cliente! Qualquer coisa é só chamar. Ana Souza"]);
  await context.close();
});
