import { GRAPH_URL } from "../../playwright.config";
import { createButtonBot, deleteBots } from "./bots-support";
import { ADMIN_STATE, adminInPortuguese, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule (issue 18): an admin builds a two-button welcome menu on the Bots
 * screen; a new contact's signed webhook gets the menu on WhatsApp, a tap on
 * a button gets the bot it leads to, and the Stop Bot keyword "parar" pauses
 * the chat's bots, which the chat's banner says. The bots are deleted at the
 * end so later specs meet no welcome menu.
 */

type Recorded = { method: string; path: string; body: { to?: string; type?: string; text?: { body: string }; interactive?: Interactive } };
type Interactive = { type: string; body: { text: string }; action: { buttons?: { type: string; reply: { id: string; title: string } }[] } };

const FAKE = GRAPH_URL.replace("/v23.0", "");
const suffix = String(Date.now()).slice(-8);
const prices = `Preços ${suffix.slice(-5)}`;
const welcome = `Boas-vindas ${suffix.slice(-5)}`;
const PRICES_TEXT = `Camisetas a partir de R$ 49 (${suffix}).`;

test("a welcome menu answers a new contact, its button leads to the next bot, and parar pauses the bots", async ({ browser }) => {
  test.setTimeout(180_000);
  const restoreLanguage = await adminInPortuguese(browser);
  const admin = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
  const page = await admin.newPage();
  const sentTo = async (waId: string) =>
    ((await (await page.request.get(`${FAKE}/__fake/requests`)).json()) as Recorded[]).filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.body.to === waId).map((r) => r.body);
  try {
    await page.goto("/settings/stop-bot");
    const keywords = page.getByLabel("Palavras-chave de parada");
    await keywords.fill("parar");
    await keywords.press("Enter");
    await page.getByRole("button", { name: "Salvar alterações" }).click();
    await expect(page.getByText("Alterações salvas").first()).toBeVisible();

    await page.goto("/settings/bots");
    await createButtonBot(page, prices, PRICES_TEXT);
    await page.getByRole("link", { name: "Novo bot" }).click();
    await page.getByLabel("Nome", { exact: true }).fill(welcome);
    await expect(page.getByRole("radio", { name: /^Boas-vindas/ })).toBeChecked();
    await page.getByRole("radio", { name: "Botões", exact: true }).check();
    await page.getByLabel("Mensagem", { exact: true }).fill("Olá {{first_name}}! Como podemos ajudar?");
    await page.getByLabel("Título do botão 1").fill("Preços");
    await page.getByLabel("O botão 1 leva a").selectOption({ label: prices });
    await page.getByRole("button", { name: "Adicionar botão" }).click();
    await page.getByLabel("Título do botão 2").fill("Falar com alguém");
    await page.getByRole("button", { name: "Criar bot" }).click();
    await expect(page.getByText(`Bot “${welcome}” criado`)).toBeVisible();

    // A new contact writes: the welcome menu reaches WhatsApp as reply buttons, with the contact's first name.
    const contact = { waId: `55117${suffix}`, name: `Rita Bot ${suffix}` };
    await deliverMessages(page.request, contact, [textMessage(contact.waId, `wamid.e2e.botflow.1.${suffix}`, "Oi, boa tarde")]);
    await expect.poll(async () => (await sentTo(contact.waId)).length, { timeout: 20_000 }).toBe(1);
    const [menu] = await sentTo(contact.waId);
    expect(menu!.type).toBe("interactive");
    expect(menu!.interactive!.body.text).toBe("Olá Rita! Como podemos ajudar?");
    const buttons = menu!.interactive!.action.buttons!;
    expect(buttons.map((b) => b.reply.title)).toEqual(["Preços", "Falar com alguém"]);

    // The chat shows the menu as the bot's message.
    await page.goto("/inbox");
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    const log = page.getByRole("log");
    await expect(log.getByText("Olá Rita! Como podemos ajudar?")).toBeVisible();
    await expect(log.getByText(`Bot: ${welcome}`)).toBeVisible();

    // A tap on "Preços" gets the bot the button leads to.
    await deliverMessages(page.request, contact, [
      {
        from: contact.waId,
        id: `wamid.e2e.botflow.2.${suffix}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: buttons[0]!.reply.id, title: "Preços" } },
      },
    ]);
    await expect.poll(async () => (await sentTo(contact.waId)).length, { timeout: 20_000 }).toBe(2);
    const second = (await sentTo(contact.waId))[1]!;
    expect(second.type).toBe("text");
    expect(second.text!.body).toBe(PRICES_TEXT);
    await expect(log.getByText(PRICES_TEXT)).toBeVisible();

    // "parar" pauses every bot in the chat, and the banner says so (that nothing answers then is the integration tests').
    await deliverMessages(page.request, contact, [textMessage(contact.waId, `wamid.e2e.botflow.3.${suffix}`, "Parar")]);
    const banner = page.getByRole("status").filter({ hasText: "Bots pausados até" });
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: "test-results/bots-flow-chat-desktop.png", fullPage: true });
  } finally {
    await deleteBots(page, [welcome, prices]);
    // The Stop Bot keywords as they were (bots.spec.ts saves its own list and reads it back).
    await page.goto("/settings/stop-bot");
    const remove = page.getByRole("button", { name: "Remover parar" });
    if ((await remove.count()) > 0) {
      await remove.click();
      await page.getByRole("button", { name: "Salvar alterações" }).click();
      await expect(page.getByText("Alterações salvas").first()).toBeVisible();
    }
    await admin.close();
    await restoreLanguage();
  }
});
