import type { APIRequestContext } from "@playwright/test";
import { GRAPH_URL } from "../../playwright.config";
import { ADMIN_STATE, deliverMessages, DEMO_NUMBER_ID, expect, signIn, signInAs, test, waitForRealtime } from "./support";

async function deliver(request: APIRequestContext, messages: Record<string, unknown>[], contact: { waId: string; name: string }) {
  await deliverMessages(request, contact, messages);
}

test.describe("the inbox", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a signed webhook shows up live, the agent replies through the Graph API, and another workspace cannot see it", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55119${suffix}`, name: `Cliente ${suffix}` };
    const now = Math.floor(Date.now() / 1000);

    await page.goto("/inbox");
    await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
    // The tab hears news live before the delivery, as an agent's open tab would.
    await waitForRealtime(page);

    await deliver(page.request, [
      { from: contact.waId, id: `wamid.e2e.text.${suffix}`, timestamp: String(now), type: "text", text: { body: `Olá, quero um orçamento ${suffix}` } },
      { from: contact.waId, id: `wamid.e2e.photo.${suffix}`, timestamp: String(now + 1), type: "image", image: { id: "e2e-photo-1", mime_type: "image/png", caption: `Foto ${suffix}` } },
    ], contact);

    const item = page.getByRole("link", { name: new RegExp(contact.name) });
    await expect(item).toBeVisible({ timeout: 2_000 });
    await item.click();
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText(`Olá, quero um orçamento ${suffix}`)).toBeVisible();
    const photo = log.getByRole("img", { name: `Foto ${suffix}` });
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const conversationId = page.url().split("/inbox/")[1]!.split("?")[0]!;
    const reply = `Claro! Segue o orçamento ${suffix}`;
    await page.getByRole("textbox", { name: "Message" }).fill(reply);
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(log.getByText(reply)).toBeVisible();
    await expect.poll(async () => {
      const requests = (await (await page.request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as { method: string; path: string; body: { to?: string; text?: { body?: string } } }[];
      return requests.find((r) => r.method === "POST" && r.path === `/v23.0/${DEMO_NUMBER_ID}/messages` && r.body.text?.body === reply)?.body.to;
    }).toBe(contact.waId);

    const messages = (await (await page.request.get(`/api/inbox/conversations/${conversationId}/messages`)).json()) as { items: { id: string; type: string }[] };
    const photoId = messages.items.find((m) => m.type === "image")!.id;

    // An agent of another workspace: Olga (admin of "Outra") adds Otto, who then tries the same URLs.
    const outra = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const olga = await outra.newPage();
    await signInAs(olga, "olga@outra.test", "outra-password-1");
    await olga.goto("/team");
    await olga.getByRole("button", { name: "Add agent" }).click();
    const dialog = olga.getByRole("dialog", { name: "Add an agent" });
    await dialog.getByLabel("Name").fill(`Otto ${suffix}`);
    await dialog.getByLabel("E-mail").fill(`otto-${suffix}@outra.test`);
    await dialog.getByLabel("Initial password").fill("otto-password-1");
    await dialog.getByRole("button", { name: "Add agent" }).click();
    await expect(dialog).toBeHidden();
    await outra.close();
    const ottoContext = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const otto = await ottoContext.newPage();
    await signIn(otto, `otto-${suffix}@outra.test`, "otto-password-1");
    await expect(otto).toHaveURL(/\/inbox$/);
    await expect(otto.getByRole("link", { name: new RegExp(contact.name) })).toHaveCount(0);
    const opened = await otto.goto(`/inbox/${conversationId}`);
    expect(opened?.status()).toBe(404);
    await expect(otto.getByText(`Olá, quero um orçamento ${suffix}`)).toHaveCount(0);
    expect((await otto.request.get(`/api/media/${photoId}`)).status()).toBe(404);
    expect((await otto.request.get(`/api/inbox/conversations/${conversationId}/messages`)).status()).toBe(404);
    await ottoContext.close();
  });
});

test.describe("the demo inbox", () => {
  test.use({ storageState: ADMIN_STATE });

  test("is not empty on first start and filters by status", async ({ page }) => {
    await page.goto("/inbox");
    const list = page.getByRole("navigation", { name: "Conversations" });
    await expect(list.getByRole("link", { name: /Maria Souza/ })).toBeVisible();
    await expect(list.getByRole("link", { name: /Carla Mendes/ })).toHaveCount(0);
    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Resolved" });
    await expect(list.getByRole("link", { name: /Carla Mendes/ })).toBeVisible();
    await expect(list.getByRole("link", { name: /Maria Souza/ })).toHaveCount(0);
  });
});
