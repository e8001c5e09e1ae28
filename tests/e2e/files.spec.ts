import { devices, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { GRAPH_URL } from "../../playwright.config";
import { DEMO_NUMBER_ID, DEMO_PASSWORD, deliverMessages, deliverValue, expect, signInAs, test, textMessage } from "./support";

/*
 * Rule: an agent sends a customer a file from the chat (issue 17): a PDF with
 * a caption, through the paperclip or dropped on the chat, shown in the chat
 * like a customer's file, with its ticks moving on a status webhook. A file
 * over WhatsApp's limit is explained before any upload starts.
 */

const { defaultBrowserType: _webkit, ...iPhone } = devices["iPhone 13"];
const SHOTS = process.env.FILES_SCREENSHOTS ?? "test-results/files";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

type FakeRequest = { method: string; path: string; body?: Record<string, unknown> };
async function graphRequests(request: APIRequestContext): Promise<FakeRequest[]> {
  return (await (await request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as FakeRequest[];
}

/** The media message the Graph fake was asked to send to this customer, if any. */
async function documentSentTo(request: APIRequestContext, waId: string) {
  const sent = (await graphRequests(request)).find((r) => r.method === "POST" && r.path === `/v23.0/${DEMO_NUMBER_ID}/messages` && r.body?.to === waId && r.body?.type === "document");
  return sent?.body?.document as { id: string; caption?: string; filename?: string } | undefined;
}

async function expectFitsWidth(page: Page, label: string) {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(sizes.scroll, `${label}: page width ${sizes.scroll} px on a ${sizes.client} px screen`).toBeLessThanOrEqual(sizes.client);
}

/** Meta's status webhook for our message: moves its ticks. */
async function deliverStatus(request: APIRequestContext, page: Page, conversationId: string, waId: string, status: "delivered" | "read") {
  const { items } = (await (await page.request.get(`/api/inbox/conversations/${conversationId}/messages`)).json()) as { items: { type: string; wamid: string | null; direction: string }[] };
  const wamid = items.find((m) => m.direction === "outbound" && m.type === "document")!.wamid!;
  await deliverValue(request, { statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: waId }] });
}

test("an agent sends a PDF with a caption from the paperclip, sees it with its ticks, and an oversized photo is refused first", async ({ browser, request }) => {
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55116${suffix}`, name: `Cliente Arquivo ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.files.${suffix}`, "Pode me mandar o orçamento?")]);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  await signInAs(page, "ana@demo.test");
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText("Pode me mandar o orçamento?")).toBeVisible();
  const conversationId = page.url().split("/inbox/")[1]!.split("?")[0]!;

  // Over WhatsApp's 5 MB for photos: explained in the dialog, nothing uploaded.
  const uploadsBefore = (await graphRequests(request)).filter((r) => r.path.endsWith("/media")).length;
  let chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach a file" }).click();
  await (await chooser).setFiles({ name: "foto-grande.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0xff) });
  let dialog = page.getByRole("dialog", { name: "Send a file" });
  await expect(dialog.getByRole("alert")).toHaveText("This file is too large: WhatsApp accepts photos of at most 5 MB.");
  await expect(dialog.getByRole("button", { name: "Send" })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/desktop-refused.png` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await graphRequests(request)).filter((r) => r.path.endsWith("/media")).length).toBe(uploadsBefore);

  // The PDF with a caption.
  chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach a file" }).click();
  await (await chooser).setFiles({ name: `orcamento-${suffix}.pdf`, mimeType: "application/pdf", buffer: PDF });
  dialog = page.getByRole("dialog", { name: "Send a file" });
  await expect(dialog.getByText(`orcamento-${suffix}.pdf`)).toBeVisible();
  await dialog.getByLabel("Caption").fill(`Segue o orçamento ${suffix}`);
  await page.screenshot({ path: `${SHOTS}/desktop-dialog.png` });
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();

  const bubble = log.locator("[data-message-id]").filter({ hasText: `orcamento-${suffix}.pdf` });
  await expect(bubble.getByRole("link", { name: `Download orcamento-${suffix}.pdf` })).toBeVisible();
  await expect(bubble.getByText(`Segue o orçamento ${suffix}`)).toBeVisible();
  await expect(bubble.getByRole("img", { name: "Sent" })).toBeVisible();
  const sent = await documentSentTo(request, contact.waId);
  expect(sent).toMatchObject({ caption: `Segue o orçamento ${suffix}`, filename: `orcamento-${suffix}.pdf` });
  expect(sent!.id).toMatch(/^\d+$/);
  // The bytes Meta got are the file, and our media route serves them back.
  const download = await page.request.get(await bubble.getByRole("link", { name: `Download orcamento-${suffix}.pdf` }).getAttribute("href") as string);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

  await deliverStatus(request, page, conversationId, contact.waId, "delivered");
  await expect(bubble.getByRole("img", { name: "Delivered" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-sent.png` });
  await expectFitsWidth(page, "the chat");

  // Dropped on the chat: the same dialog.
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["Lista de preços\n"], "precos.txt", { type: "text/plain" }));
    return transfer;
  });
  const zone = page.getByTestId("chat-drop-zone");
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await expect(page.getByText("Drop the file here to send it")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-drop.png` });
  await zone.dispatchEvent("drop", { dataTransfer });
  dialog = page.getByRole("dialog", { name: "Send a file" });
  await expect(dialog.getByText("precos.txt")).toBeVisible();
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  await expect(log.getByRole("link", { name: "Download precos.txt" })).toBeVisible();
  await context.close();
});

test("on a phone, in pt-BR, an agent sends a PDF with a caption and sees it delivered", async ({ browser, request }) => {
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55115${suffix}`, name: `Cliente Celular Arquivo ${suffix}` };
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.files-phone.${suffix}`, "Manda o boleto?")]);

  const phone = await browser.newContext({ ...iPhone, locale: "pt-BR" });
  const page = await phone.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("ana@demo.test");
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();
  const log = page.getByRole("log", { name: "Mensagens" });
  await expect(log.getByText("Manda o boleto?")).toBeVisible();
  const conversationId = page.url().split("/inbox/")[1]!.split("?")[0]!;

  const attach = page.getByRole("button", { name: "Anexar arquivo" });
  await expect(attach).toBeInViewport();
  await expect(page.getByRole("button", { name: "Enviar" })).toBeInViewport();
  await expectFitsWidth(page, "the chat with the paperclip");
  const chooser = page.waitForEvent("filechooser");
  await attach.click();
  await (await chooser).setFiles({ name: `boleto-${suffix}.pdf`, mimeType: "application/pdf", buffer: PDF });
  const dialog = page.getByRole("dialog", { name: "Enviar arquivo" });
  await dialog.getByLabel("Legenda").fill("Boleto de maio");
  await expect(dialog.getByRole("button", { name: "Enviar" })).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/phone-dialog.png`, scale: "css" });
  await dialog.getByRole("button", { name: "Enviar" }).click();
  await expect(dialog).toBeHidden();

  const bubble = log.locator("[data-message-id]").filter({ hasText: `boleto-${suffix}.pdf` });
  await expect(bubble.getByText("Boleto de maio")).toBeVisible();
  await expect(bubble.getByRole("img", { name: "Enviada" })).toBeVisible();
  await expect.poll(async () => (await documentSentTo(request, contact.waId))?.caption).toBe("Boleto de maio");
  await deliverStatus(request, page, conversationId, contact.waId, "delivered");
  await expect(bubble.getByRole("img", { name: "Entregue" })).toBeVisible();
  await expectFitsWidth(page, "the chat with the sent file");
  await page.screenshot({ path: `${SHOTS}/phone-sent.png`, scale: "css" });
  await phone.close();
});
