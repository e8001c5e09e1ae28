import type { APIRequestContext, Page } from "@playwright/test";
import { GRAPH_URL, OPENAI_ORIGIN } from "../../playwright.config";
import { OPENAI_FAKE_KEY } from "../fakes/openai-api";
import { ADMIN_STATE, deliverMessages, expect, signInAs, test, textMessage } from "./support";

/** A signed webhook from a new customer, so the agent has a chat whose 24-hour window is open. */
async function deliver(request: APIRequestContext, contact: { waId: string; name: string }, text: string) {
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.ai.${contact.waId}`, text)]);
}

/** Steers the OpenAI fake (tests/fakes/openai-api.ts) through its control endpoints. */
const openAi = {
  mode: (request: APIRequestContext, mode: Record<string, unknown>) => request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: mode }),
  lastChat: async (request: APIRequestContext) => {
    const requests = (await (await request.get(`${OPENAI_ORIGIN}/__fake/requests`)).json()) as { path: string; body: { messages?: { role: string; content: string }[] } }[];
    return requests.filter((r) => r.path === "/v1/chat/completions").at(-1)?.body.messages ?? [];
  },
};

async function openWand(page: Page) {
  await page.getByRole("button", { name: "AI assistant" }).click();
}

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ request }) => {
  await request.post(`${OPENAI_ORIGIN}/__fake/reset`);
});

test.describe("AI integration", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin turns AI on with a key OpenAI accepts; a key it refuses is explained on the field", async ({ page }) => {
    await page.goto("/settings/ai-integration");
    await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "AI integration" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("No key saved yet.")).toBeVisible();
    await expect(page.getByRole("radio", { name: "GPT-4o mini (recommended)" })).toBeChecked();
    await expect(page.getByText("Best balance of performance and affordable price for real-time chats.")).toBeVisible();

    await page.getByRole("switch", { name: "Enable OpenAI in chat" }).click();
    await page.getByLabel("OpenAI secret key").fill("sk-this-key-was-revoked-0000");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("OpenAI refused this key. Check that it was copied whole and is still active.")).toBeVisible();
    await expect(page.getByLabel("OpenAI secret key")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("OpenAI secret key").fill(OPENAI_FAKE_KEY);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("switch", { name: "Enable OpenAI in chat" })).toBeChecked();
    await expect(page.getByLabel("OpenAI secret key")).toHaveValue("");
    await expect(page.getByText(/Saved key: sk-t•+0001\./)).toBeVisible();
    // The secret itself never reaches the browser.
    expect(await page.content()).not.toContain(OPENAI_FAKE_KEY);
    await expect(page.getByRole("heading", { name: "Usage this month" })).toBeVisible();

    await page.getByRole("link", { name: "AI prompts" }).click();
    const list = page.getByRole("list", { name: "Saved prompts" });
    await expect(list.getByRole("listitem")).toHaveCount(5);
    await expect(list.getByRole("listitem").first()).toContainText("Introdução formal");
  });

  test("an agent translates a draft and replaces it, applies a saved prompt, and reads a refused key in words", async ({ browser, request }) => {
    test.setTimeout(60_000);
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55119${suffix}`, name: `Cliente IA ${suffix}` };
    await deliver(request, contact, "Meu pedido já saiu?");

    const context = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const page = await context.newPage();
    await signInAs(page, "ana@demo.test");
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    const draft = page.getByRole("textbox", { name: "Message" });
    await draft.fill("Olá! Seu pedido saiu para entrega hoje.");

    // Translate into English, then replace the draft with the translation.
    await openAi.mode(request, { kind: "reply", text: "Hello! Your order is out for delivery today." });
    await openWand(page);
    await page.getByRole("menuitem", { name: "Translate" }).click();
    await page.getByRole("menuitem", { name: "English" }).click();
    const suggestion = page.getByRole("region", { name: "AI suggestion" });
    await expect(suggestion).toContainText("Translation to English");
    await expect(suggestion).toContainText("Hello! Your order is out for delivery today.");
    const [system, user] = await openAi.lastChat(request);
    expect(system!.content).toContain("translate the draft into English");
    expect(user!.content).toContain("Olá! Seu pedido saiu para entrega hoje.");
    await suggestion.getByRole("button", { name: "Replace draft" }).click();
    await expect(draft).toHaveValue("Hello! Your order is out for delivery today.");
    await expect(suggestion).toBeHidden();
    // Nothing went to the customer: no reply reached the Graph API, and the log shows only their message.
    const graphRequests = (await (await request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as { body?: { text?: { body?: string } } }[];
    expect(graphRequests.some((r) => r.body?.text?.body?.includes("out for delivery"))).toBe(false);
    await expect(page.getByRole("log", { name: "Messages" }).getByText("out for delivery")).toHaveCount(0);

    // A saved prompt (the demo's are in Portuguese), inserted after the draft.
    await openAi.mode(request, { kind: "reply", text: "Best regards, the Demo team." });
    await draft.press("End");
    await draft.press("Space");
    await openWand(page);
    await page.getByRole("menuitem", { name: "Introdução formal" }).click();
    await expect(suggestion).toContainText("Best regards, the Demo team.");
    const [promptSystem, promptUser] = await openAi.lastChat(request);
    expect(promptSystem!.content).toContain("Comece com uma saudação educada");
    expect(promptUser!.content).toContain("Customer: Meu pedido já saiu?");
    await suggestion.getByRole("button", { name: "Insert" }).click();
    await expect(draft).toHaveValue("Hello! Your order is out for delivery today. Best regards, the Demo team.");

    // The key is revoked at OpenAI after it was saved: the agent is told in words and keeps working.
    await request.delete(`${OPENAI_ORIGIN}/__fake/keys/${OPENAI_FAKE_KEY}`);
    try {
      await openWand(page);
      await page.getByRole("menuitem", { name: "Fix spelling and grammar" }).click();
      await expect(suggestion.getByRole("alert")).toHaveText("OpenAI refused the workspace's key. An admin can check it in Settings → AI integration.");
      await suggestion.getByRole("button", { name: "Discard" }).click();
      await expect(suggestion).toBeHidden();
      await expect(draft).toHaveValue("Hello! Your order is out for delivery today. Best regards, the Demo team.");
      await draft.fill("Ainda posso escrever.");
      await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
    } finally {
      await request.post(`${OPENAI_ORIGIN}/__fake/keys`, { data: { key: OPENAI_FAKE_KEY } });
    }
    await context.close();
  });
});
