import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { GRAPH_URL } from "../../playwright.config";
import { ADMIN_STATE, DEMO_PASSWORD, deliverMessages, deliverValue, expect, signInAs, test, waitForRealtime } from "./support";

/** Screens of every page this feature touched, at a phone's and a desktop's size, in pt-BR. */
const SHOTS = "test-results/templates-shots";
mkdirSync(SHOTS, { recursive: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** A real 1×1 PNG, so the browser and Meta's fake both take it for one. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

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

/**
 * A chat whose customer last wrote a day ago sits below every newer one, past the list's first page
 * once other specs have filled the inbox; an agent finds it by searching, as she would.
 */
async function openOldChat(page: Page, name: string) {
  await page.getByRole("searchbox", { name: "Buscar conversas" }).fill(name);
  await page.getByRole("link", { name: new RegExp(name) }).click();
}

test.describe.serial("message templates", () => {
  test("an admin syncs the templates from Meta, searches them, and an agent is refused the screen", async ({ browser, page }) => {
    test.setTimeout(90_000);
    const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: DESKTOP });
    const adminPage = await admin.newPage();
    await adminPage.goto("/settings/templates");
    await expect(adminPage.getByRole("heading", { name: "Message templates" })).toBeVisible();
    await adminPage.getByRole("button", { name: "Sync templates" }).click();
    // The fake lists 6 templates 4 per page: the sync followed the cursor to the second page.
    await expect(adminPage.getByRole("status").filter({ hasText: "6 templates synced; 0 removed." })).toBeVisible();
    const table = adminPage.getByRole("table", { name: "Message templates" });
    await expect(table.getByRole("row")).toHaveCount(7);
    const shipped = table.getByRole("row", { name: /order_shipped/ });
    await expect(shipped).toContainText("Approved");
    await expect(shipped).toContainText("Olá {{1}}, seu pedido {{2}} saiu para entrega.");
    await expect(shipped).toContainText("Rastrear");
    await expect(table.getByRole("row", { name: /summer_sale/ })).toContainText("Paused");
    await expect(table.getByRole("row", { name: /payment_reminder/ })).toContainText("Reason: INVALID_FORMAT");
    await expect(adminPage.getByText(/^Last synced /)).toBeVisible();
    const requests = (await (await page.request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as { path: string; query: Record<string, string> }[];
    expect(requests.filter((r) => r.path === "/v23.0/100000000000002/message_templates").some((r) => r.query.after)).toBe(true);

    await adminPage.getByLabel("Search by name").fill("welcome");
    await adminPage.getByRole("button", { name: "Search", exact: true }).click();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText("welcome_offer");
    await admin.close();

    // pt-BR, phone and desktop: the list becomes cards on a phone.
    for (const [name, viewport] of [["390", PHONE], ["desktop", DESKTOP]] as const) {
      const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "pt-BR", viewport });
      const shot = await context.newPage();
      await shot.goto("/settings/templates");
      await expect(shot.getByRole("button", { name: /Sincronizar modelos|Sync templates/ })).toBeVisible();
      await noSidewaysScroll(shot);
      await shot.screenshot({ path: `${SHOTS}/settings-templates-${name}-admin.png`, fullPage: true });
      await context.close();
    }

    const agent = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const agentPage = await agent.newPage();
    await signInAs(agentPage, "ana@demo.test");
    const refused = await agentPage.goto("/settings/templates");
    expect(refused?.status()).toBe(404);
    await agent.close();
  });

  test("an agent sends an approved template to a chat whose window is closed, with a live preview, and sees it delivered", async ({ browser, page }) => {
    test.setTimeout(90_000);
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55118${suffix}`, name: `Cliente Modelo ${suffix}` };
    // The customer last wrote 25 hours ago: the 24-hour window is closed.
    const then = Math.floor(Date.now() / 1000) - 25 * 3600;
    await deliverMessages(page.request, contact, [{ from: contact.waId, id: `wamid.e2e.tpl.${suffix}`, timestamp: String(then), type: "text", text: { body: `Oi, tudo bem? ${suffix}` } }]);

    const { context, page: ana } = await ptBrAgent(browser, DESKTOP);
    await waitForRealtime(ana);
    await openOldChat(ana, contact.name);
    const log = ana.getByRole("log", { name: "Mensagens" });
    await expect(log.getByText(`Oi, tudo bem? ${suffix}`)).toBeVisible();
    await expect(ana.getByText(/A janela de 24 horas está fechada/)).toBeVisible();
    await expect(ana.getByRole("textbox", { name: "Mensagem" })).toBeDisabled();
    await ana.screenshot({ path: `${SHOTS}/chat-window-closed-desktop-agent.png` });

    await ana.getByRole("button", { name: "Enviar um modelo" }).click();
    const dialog = ana.getByRole("dialog", { name: "Enviar um modelo" });
    // Only approved templates can be chosen; the others say why.
    await expect(dialog.getByRole("button", { name: "summer_sale (pt_BR) não pode ser enviado: não está aprovado" })).toBeDisabled();
    await dialog.getByLabel("Buscar modelos").fill("order");
    await dialog.getByRole("button", { name: "Escolher order_shipped (pt_BR)" }).click();

    const form = ana.getByRole("dialog", { name: "Preencha o modelo" });
    const preview = form.getByRole("region", { name: "Prévia da mensagem" });
    await expect(preview).toContainText("Olá {{1}}, seu pedido {{2}} saiu para entrega.");
    await form.getByLabel("Variável 1 do cabeçalho").fill("#77");
    await form.getByRole("checkbox", { name: `Usar o nome do contato (${contact.name})` }).first().check();
    await form.getByLabel("Variável 2").fill("#77");
    await expect(preview).toContainText(`Olá ${contact.name}, seu pedido #77 saiu para entrega.`);
    await expect(preview).toContainText("Pedido #77");
    await expect(preview).toContainText("Loja Demo");
    // Sending with the button's link suffix missing is refused in the form, before anything is sent.
    await form.getByRole("button", { name: "Enviar modelo" }).click();
    await expect(form.getByText("Obrigatório.")).toBeVisible();
    await form.getByLabel("Final do link do botão “Rastrear”").fill("77");
    await ana.screenshot({ path: `${SHOTS}/template-form-desktop-agent.png` });
    await form.getByRole("button", { name: "Enviar modelo" }).click();
    await expect(form).toBeHidden();

    const text = `Olá ${contact.name}, seu pedido #77 saiu para entrega.`;
    await expect(log.getByText(text)).toBeVisible();
    await expect(log.getByText("Modelo order_shipped")).toBeVisible();

    const conversationId = ana.url().split("/inbox/")[1]!.split("?")[0]!;
    const messages = (await (await ana.request.get(`/api/inbox/conversations/${conversationId}/messages`)).json()) as { items: { type: string; wamid: string | null; status: string }[] };
    const sent = messages.items.find((m) => m.type === "template")!;
    expect(sent.status).toBe("sent");
    await deliverValue(page.request, { statuses: [{ id: sent.wamid, status: "delivered", timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: contact.waId }] });
    await expect(log.getByRole("img", { name: "Entregue" }).last()).toBeVisible();
    await ana.screenshot({ path: `${SHOTS}/chat-template-sent-desktop-agent.png` });
    await context.close();

    // The same on a phone: the closed-window composer and the form fit the screen.
    const phone = await ptBrAgent(browser, PHONE);
    await phone.page.goto(`/inbox/${conversationId}`);
    await expect(phone.page.getByRole("log", { name: "Mensagens" }).getByText(text)).toBeVisible();
    await noSidewaysScroll(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/chat-template-sent-390-agent.png` });
    await phone.page.getByRole("button", { name: "Enviar um modelo" }).click();
    await phone.page.getByRole("button", { name: "Escolher welcome_offer (pt_BR)" }).click();
    await expect(phone.page.getByRole("dialog", { name: "Preencha o modelo" }).getByRole("button", { name: "Escolher arquivo" })).toBeVisible();
    await noSidewaysScroll(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/template-form-390-agent.png` });

    // With the window open, "Templates" is one more button beside the message box, which keeps its room.
    const open = { waId: `55117${suffix}`, name: `Cliente Aberto ${suffix}` };
    await deliverMessages(page.request, open, [{ from: open.waId, id: `wamid.e2e.tpl.open.${suffix}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `Oi! ${suffix}` } }]);
    await phone.page.goto("/inbox");
    await phone.page.getByRole("link", { name: new RegExp(open.name) }).click();
    await expect(phone.page.getByRole("textbox", { name: "Mensagem" })).toBeEnabled();
    await expect(phone.page.getByRole("button", { name: "Modelos" })).toBeVisible();
    await expect(phone.page.getByRole("button", { name: "Enviar um modelo" })).toHaveCount(0);
    await noSidewaysScroll(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/chat-window-open-390-agent.png` });
    await phone.context.close();
  });

  test("an agent uploads a PNG for an image-header template in a closed-window chat, sees it in the preview, sends it by media id and sees it delivered", async ({ browser, page }) => {
    test.setTimeout(90_000);
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55116${suffix}`, name: `Cliente Foto ${suffix}` };
    const then = Math.floor(Date.now() / 1000) - 25 * 3600;
    await deliverMessages(page.request, contact, [{ from: contact.waId, id: `wamid.e2e.tplimg.${suffix}`, timestamp: String(then), type: "text", text: { body: `Quero a oferta ${suffix}` } }]);

    const { context, page: ana } = await ptBrAgent(browser, PHONE);
    await waitForRealtime(ana);
    await openOldChat(ana, contact.name);
    await expect(ana.getByText(/A janela de 24 horas está fechada/)).toBeVisible();
    await ana.getByRole("button", { name: "Enviar um modelo" }).click();
    await ana.getByRole("dialog", { name: "Enviar um modelo" }).getByRole("button", { name: "Escolher welcome_offer (pt_BR)" }).click();

    const form = ana.getByRole("dialog", { name: "Preencha o modelo" });
    const header = form.getByRole("group", { name: "Imagem do cabeçalho" });
    // Upload is the default; a link is the other choice.
    await expect(header.getByRole("radio", { name: "Enviar um arquivo" })).toBeChecked();
    await expect(header.getByRole("radio", { name: "Link" })).not.toBeChecked();
    await noSidewaysScroll(ana);
    await ana.screenshot({ path: `${SHOTS}/template-upload-field-390-agent.png` });

    // A PDF for a photo header is refused in the browser, before any upload.
    await header.locator('input[type="file"]').setInputFiles({ name: "tabela.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") });
    await expect(header.getByRole("alert")).toContainText("O cabeçalho deste modelo aceita apenas fotos (JPEG, PNG)");

    const before = ((await (await page.request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as unknown[]).length;
    await header.locator('input[type="file"]').setInputFiles({ name: `oferta-${suffix}.png`, mimeType: "image/png", buffer: PNG });
    await expect(header.getByText(`oferta-${suffix}.png`)).toBeVisible();
    await expect(header.getByText(/Enviado ao WhatsApp/)).toBeVisible();
    await expect(header.getByRole("button", { name: "Trocar arquivo" })).toBeVisible();
    await expect(header.getByRole("button", { name: `Remover oferta-${suffix}.png` })).toBeVisible();
    const preview = form.getByRole("region", { name: "Prévia da mensagem" });
    await expect(preview.getByRole("img", { name: `oferta-${suffix}.png` })).toBeVisible();
    // Each body variable offers the contact's name: the first one (first_name) takes it.
    await form.getByRole("checkbox", { name: `Usar o nome do contato (${contact.name})` }).first().check();
    await form.getByLabel("Variável coupon").fill("FOTO10");
    await expect(preview).toContainText(`Oi ${contact.name}! Use o cupom FOTO10 na sua próxima compra.`);
    await noSidewaysScroll(ana);
    await ana.screenshot({ path: `${SHOTS}/template-upload-done-390-agent.png`, fullPage: true });

    await form.getByRole("button", { name: "Enviar modelo" }).click();
    await expect(form).toBeHidden();
    const log = ana.getByRole("log", { name: "Mensagens" });
    await expect(log.getByText(`Oi ${contact.name}! Use o cupom FOTO10 na sua próxima compra.`)).toBeVisible();

    // The fake received the PNG's bytes, then a template whose header names the id the upload answered.
    type Recorded = { method: string; path: string; body: { file?: { size: number; contentType: string }; template?: { components: { type: string; parameters: { type: string; image?: { id?: string } }[] }[] } } };
    const requests = ((await (await page.request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as Recorded[]).slice(before);
    const uploads = requests.filter((r) => r.method === "POST" && r.path.endsWith("/media"));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body.file).toMatchObject({ size: PNG.byteLength, contentType: "image/png" });
    const send = requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).at(-1)!;
    const headerParameter = send.body.template!.components.find((c) => c.type === "header")!.parameters[0]!;
    expect(headerParameter.type).toBe("image");
    expect(headerParameter.image?.id).toMatch(/^\d{15,16}$/);

    const conversationId = ana.url().split("/inbox/")[1]!.split("?")[0]!;
    const messages = (await (await ana.request.get(`/api/inbox/conversations/${conversationId}/messages`)).json()) as { items: { type: string; wamid: string | null; status: string }[] };
    const sent = messages.items.find((m) => m.type === "template")!;
    expect(sent.status).toBe("sent");
    await deliverValue(page.request, { statuses: [{ id: sent.wamid, status: "delivered", timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: contact.waId }] });
    await expect(log.getByRole("img", { name: "Entregue" }).last()).toBeVisible();
    await noSidewaysScroll(ana);
    await ana.screenshot({ path: `${SHOTS}/chat-template-image-sent-390-agent.png` });
    await context.close();
  });
});
