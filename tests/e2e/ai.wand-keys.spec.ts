import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { GRAPH_URL, OPENAI_ORIGIN } from "../../playwright.config";
import { OPENAI_FAKE_KEY } from "../fakes/openai-api";
import { ADMIN_STATE, deliverMessages, expect, test, textMessage } from "./support";

/*
 * Rule: nothing goes to a customer that the agent did not send (issue 14, item 2).
 * Every control of the composer's AI wand, and every key a person presses in
 * them, leaves the draft in the composer and sends nothing; only Send and
 * Enter in the message box send.
 *
 * Named so it sorts after ai.spec.ts, whose first test checks the AI settings
 * as a fresh workspace shows them; run alone, this spec turns AI on itself.
 */

const AI_TEXT = "Texto sugerido pela IA.";

async function deliver(request: APIRequestContext, contact: { waId: string; name: string }, text: string) {
  await deliverMessages(request, contact, [textMessage(contact.waId, `wamid.e2e.wand.${contact.waId}`, text)]);
}

/** What the Graph API fake was asked to send to this customer. */
async function graphMessagesTo(request: APIRequestContext, waId: string): Promise<string[]> {
  const log = (await (await request.get(`${GRAPH_URL.replace("/v23.0", "")}/__fake/requests`)).json()) as {
    method: string;
    path: string;
    body?: { to?: string; text?: { body?: string } };
  }[];
  return log.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.body?.to === waId).map((r) => r.body?.text?.body ?? "");
}

async function ensureAiOn(page: Page) {
  await page.goto("/settings/ai-integration");
  const enabled = page.getByRole("switch", { name: "Enable OpenAI in chat" });
  await expect(enabled).toBeVisible();
  if (await enabled.isChecked()) return;
  await enabled.click();
  await page.getByLabel("OpenAI secret key").fill(OPENAI_FAKE_KEY);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
}

test.describe.configure({ mode: "serial" });
test.use({ storageState: ADMIN_STATE });

test.afterAll(async ({ request }) => {
  await request.post(`${OPENAI_ORIGIN}/__fake/reset`);
});

test("no wand control and no key pressed in one sends the draft; Send and Enter in the message box send once each", async ({ page, request }) => {
  test.setTimeout(240_000);
  await ensureAiOn(page);
  await request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: { kind: "reply", text: AI_TEXT } });

  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55118${suffix}`, name: `Cliente Varinha ${suffix}` };
  await deliver(request, contact, "Oi, vocês entregam hoje?");
  await page.goto("/inbox");
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();

  const draft = page.getByRole("textbox", { name: "Message" });
  const sendButton = page.getByRole("button", { name: "Send" });
  const wandButton = page.getByRole("button", { name: "AI assistant" });
  const suggestion = page.getByRole("region", { name: "AI suggestion" });
  const log = page.getByRole("log", { name: "Messages" });
  const dialog = page.getByRole("dialog", { name: "Translate to" });
  await expect(log.getByText("Oi, vocês entregam hoje?")).toBeVisible();

  const DRAFT = "Rascunho que ainda não foi enviado.";
  await draft.fill(DRAFT);
  let expected = DRAFT;

  /** After a step: the draft is what the agent left there, no send is running, and neither the Graph API nor the log got a reply. */
  async function expectNothingSent(step: string) {
    await expect(sendButton, step).not.toHaveAttribute("aria-busy", "true");
    await expect(draft, step).toHaveValue(expected);
    expect(await graphMessagesTo(request, contact.waId), step).toEqual([]);
    await expect(log.locator("[data-message-id]"), step).toHaveCount(1);
  }

  /** The suggestion arrived; then the agent throws it away, by click or by key on the Discard button. */
  async function discardSuggestion(step: string, how: "click" | "Enter" | "Space" = "click") {
    await expect(suggestion, step).toContainText(AI_TEXT);
    // The menu gives focus back to the ✨ button when its closing animation ends: a key pressed before
    // that would land there (a person is never that quick, the test can be).
    await expect(page.getByRole("menu"), step).toHaveCount(0);
    await expectNothingSent(`${step}: suggestion shown`);
    const discard = suggestion.getByRole("button", { name: "Discard" });
    if (how === "click") await discard.click();
    else {
      await discard.focus();
      await page.keyboard.press(how === "Space" ? " " : "Enter");
    }
    await expect(suggestion, step).toBeHidden();
    await expectNothingSent(`${step}: discarded by ${how}`);
  }

  async function openTranslate() {
    await wandButton.click();
    await page.getByRole("menuitem", { name: "Translate" }).click();
  }

  // Translate into each listed language, clicked.
  for (const language of ["Portuguese (Brazil)", "English", "Spanish"]) {
    await openTranslate();
    await page.getByRole("menuitem", { name: language }).click();
    await discardSuggestion(`translate to ${language}`);
  }

  // The same by keyboard: Enter opens the wand, arrows walk the menu, Enter picks English; Enter and Space on Discard.
  await wandButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Translate" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("menuitem", { name: "Portuguese (Brazil)" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await discardSuggestion("translate to English by keyboard", "Enter");
  await wandButton.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press(" ");
  await discardSuggestion("translate to Spanish by Space", "Space");

  // "Other language…": Enter in its field, its Translate button, an empty field, Cancel, the close button, Escape, a click outside.
  const openOtherLanguage = async () => {
    await openTranslate();
    await page.getByRole("menuitem", { name: "Other language…" }).click();
    await expect(dialog).toBeVisible();
    return dialog.getByRole("textbox", { name: "Translate to" });
  };
  let field = await openOtherLanguage();
  await field.fill("bengali");
  await field.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(suggestion).toContainText("Translation to bengali");
  await discardSuggestion("other language, Enter in its field");

  field = await openOtherLanguage();
  await field.fill("bengali");
  await dialog.getByRole("button", { name: "Translate" }).click();
  await discardSuggestion("other language, its Translate button");

  field = await openOtherLanguage();
  await field.press("Enter"); // empty: the field is required, nothing happens
  await expect(dialog).toBeVisible();
  await field.fill("francês");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(suggestion).toBeHidden();
  // (The page behind a modal dialog is hidden from the accessibility tree: the check waits for it to close.)
  await expectNothingSent("other language, Enter in the empty field, then Cancel");

  field = await openOtherLanguage();
  await field.fill("francês");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expectNothingSent("other language, close button");

  field = await openOtherLanguage();
  await field.fill("francês");
  await field.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(suggestion).toBeHidden();
  await expectNothingSent("other language, Escape in its field");

  field = await openOtherLanguage();
  await field.fill("francês");
  await page.mouse.click(5, 5); // the overlay, outside the dialog
  await expect(dialog).toBeHidden();
  await expect(suggestion).toBeHidden();
  await expectNothingSent("other language, click outside");

  // The other actions, each clicked; one tone picked by Enter.
  for (const tone of ["Professional", "Friendly", "Empathetic", "Direct"]) {
    await wandButton.click();
    await page.getByRole("menuitem", { name: "Change tone" }).click();
    await page.getByRole("menuitem", { name: tone }).click();
    await discardSuggestion(`tone ${tone}`);
  }
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Change tone" }).click();
  await page.getByRole("menuitem", { name: "Friendly" }).press("Enter");
  await discardSuggestion("tone by Enter");
  for (const action of ["Fix spelling and grammar", "Simplify", "Smart reply"]) {
    await wandButton.click();
    await page.getByRole("menuitem", { name: action }).click();
    await discardSuggestion(action);
  }
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Simplify" }).press("Enter");
  await discardSuggestion("Simplify by Enter");

  // Every saved prompt of the workspace.
  await wandButton.click();
  const builtIn = new Set(["Translate", "Change tone", "Fix spelling and grammar", "Simplify", "Smart reply"]);
  const prompts = (await page.getByRole("menu").getByRole("menuitem").allInnerTexts()).map((name) => name.trim()).filter((name) => !builtIn.has(name));
  expect(prompts.length).toBeGreaterThan(0);
  for (const [index, prompt] of prompts.entries()) {
    if (index > 0) await wandButton.click();
    await page.getByRole("menu").getByRole("menuitem", { name: prompt }).click();
    await discardSuggestion(`saved prompt ${prompt}`);
  }

  // The menu closed without a choice: Escape, Escape in a submenu, a click outside.
  await wandButton.click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expectNothingSent("menu, Escape");
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Translate" }).click();
  await page.getByRole("menuitem", { name: "English" }).press("Escape");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expectNothingSent("submenu, Escape");
  await wandButton.click();
  await log.click({ position: { x: 10, y: 10 } });
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expectNothingSent("menu, click outside");

  // Stop while the AI is still writing keeps the draft too.
  await request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: { kind: "hang" } });
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Fix spelling and grammar" }).click();
  await suggestion.getByRole("button", { name: "Stop" }).click();
  await expect(suggestion.getByRole("button", { name: "Stop" })).toBeHidden();
  await expectNothingSent("preview, Stop");
  await suggestion.getByRole("button", { name: "Discard" }).click();
  await expectNothingSent("preview, Discard after Stop");
  await request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: { kind: "reply", text: AI_TEXT } });

  // Insert (by Enter) and Replace draft (clicked) change the draft only; still nothing is sent.
  await draft.press("End");
  await draft.press("Shift+Enter");
  expected = `${DRAFT}\n`;
  await expectNothingSent("Shift+Enter in the message box breaks the line");
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Simplify" }).click();
  await expect(suggestion).toContainText(AI_TEXT);
  await expect(page.getByRole("menu")).toHaveCount(0);
  await suggestion.getByRole("button", { name: "Insert" }).press("Enter");
  await expect(suggestion).toBeHidden();
  expected = `${DRAFT}\n${AI_TEXT}`;
  await expectNothingSent("preview, Insert by Enter");
  await wandButton.click();
  await page.getByRole("menuitem", { name: "Translate" }).click();
  await page.getByRole("menuitem", { name: "Spanish" }).click();
  await expect(suggestion).toContainText(AI_TEXT);
  await suggestion.getByRole("button", { name: "Replace draft" }).click();
  expected = AI_TEXT;
  await expectNothingSent("preview, Replace draft");

  // Only now does anything go out: Send sends the draft once, Enter in the message box sends the next once.
  await sendButton.click();
  await expect(draft).toHaveValue("");
  await expect(log.getByText(AI_TEXT)).toBeVisible();
  await expect.poll(() => graphMessagesTo(request, contact.waId)).toEqual([AI_TEXT]);
  await draft.fill("Entregamos sim, até as 18h.");
  await draft.press("Enter");
  await expect(draft).toHaveValue("");
  await expect(log.getByText("Entregamos sim, até as 18h.")).toBeVisible();
  await expect.poll(() => graphMessagesTo(request, contact.waId)).toEqual([AI_TEXT, "Entregamos sim, até as 18h."]);
  await expect(log.locator("[data-message-id]")).toHaveCount(3);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Enter in the Other language field translates without sending, at 390 px too", async ({ page, request }) => {
    await ensureAiOn(page);
    await request.post(`${OPENAI_ORIGIN}/__fake/mode`, { data: { kind: "reply", text: AI_TEXT } });
    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55117${suffix}`, name: `Cliente Celular ${suffix}` };
    await deliver(request, contact, "Tem em estoque?");
    await page.goto("/inbox");
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    const draft = page.getByRole("textbox", { name: "Message" });
    await draft.fill("Temos sim.");
    await page.getByRole("button", { name: "AI assistant" }).click();
    await page.getByRole("menuitem", { name: "Translate" }).click();
    await page.getByRole("menuitem", { name: "Other language…" }).click();
    const field: Locator = page.getByRole("dialog", { name: "Translate to" }).getByRole("textbox", { name: "Translate to" });
    await field.fill("bengali");
    await page.screenshot({ path: "test-results/ai-wand-other-language-390.png" });
    await field.press("Enter");
    const suggestion = page.getByRole("region", { name: "AI suggestion" });
    await expect(suggestion).toContainText(AI_TEXT);
    await page.screenshot({ path: "test-results/ai-wand-suggestion-390.png" });
    await expect(page.getByRole("button", { name: "Send" })).not.toHaveAttribute("aria-busy", "true");
    await expect(draft).toHaveValue("Temos sim.");
    expect(await graphMessagesTo(request, contact.waId)).toEqual([]);
    await expect(page.getByRole("log", { name: "Messages" }).locator("[data-message-id]")).toHaveCount(1);
  });
});
