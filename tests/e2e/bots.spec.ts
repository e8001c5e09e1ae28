import type { APIRequestContext, Page } from "@playwright/test";
import { OPENAI_FAKE_KEY } from "../fakes/openai-api";
import { ADMIN_STATE, deliverMessages, expect, test, textMessage } from "./support";

async function deliver(request: APIRequestContext, contact: { waId: string; name: string }, id: string, text: string) {
  await deliverMessages(request, contact, [textMessage(contact.waId, id, text)]);
}

async function openSection(page: Page, name: string) {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test.describe("bots", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a stop keyword saved on Stop Bot pauses the chat's bots until an agent resumes them", async ({ page }) => {
    await openSection(page, "Stop Bot");
    const keywords = page.getByLabel("Stop keywords");
    await keywords.fill("pare");
    await keywords.press("Enter");
    await keywords.fill("cancelar");
    await keywords.press("Enter");
    await page.getByRole("button", { name: "Remove cancelar" }).click();
    await page.getByLabel("Restart bots after (hours)").fill("3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved", { exact: false }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole("list", { name: "Keywords" }).getByRole("listitem")).toHaveText(["pare"]);
    await expect(page.getByLabel("Restart bots after (hours)")).toHaveValue("3");

    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55118${suffix}`, name: `Parar ${suffix}` };
    await deliver(page.request, contact, `wamid.e2e.stop.${suffix}`, "Por favor, PARE de me enviar mensagens");
    await page.goto("/inbox");
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    const banner = page.getByRole("status").filter({ hasText: "Bots paused until" });
    await expect(banner).toBeVisible();
    await banner.getByRole("button", { name: "Resume bots" }).click();
    await expect(banner).toBeHidden();
  });

  test("the AI Assistant answers a customer by itself with the footer", async ({ page }) => {
    test.setTimeout(60_000);
    await openSection(page, "AI integration");
    const enableAi = page.getByRole("switch", { name: "Enable OpenAI in chat" });
    if (!(await enableAi.isChecked())) await enableAi.click();
    await page.getByLabel("OpenAI secret key").fill(OPENAI_FAKE_KEY);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("OpenAI secret key")).toHaveValue("");

    await openSection(page, "AI Assistant");
    await page.getByRole("switch", { name: "Enable AI Assistant" }).click();
    await page.getByLabel("Footer message").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Footer message")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Instructions").fill("We are Loja Demo, a sneaker shop open Monday to Saturday.");
    await page.getByLabel("Footer message").fill("— Loja Demo (bot)");
    await page.getByLabel("Reply delay (seconds)").fill("1");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved")).toBeVisible();
    await expect(page.getByLabel("Footer message")).not.toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(page.getByRole("switch", { name: "Enable AI Assistant" })).toBeChecked();

    const suffix = String(Date.now()).slice(-8);
    const contact = { waId: `55117${suffix}`, name: `Robô ${suffix}` };
    await page.goto("/inbox");
    await deliver(page.request, contact, `wamid.e2e.assistant.${suffix}`, `Vocês abrem sábado? ${suffix}`);
    await page.getByRole("link", { name: new RegExp(contact.name) }).click();
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText(`[fake gpt-4o-mini] Vocês abrem sábado? ${suffix}`)).toBeVisible({ timeout: 15_000 });
    await expect(log.getByText("— Loja Demo (bot)")).toBeVisible();

    // Leave the assistant off for the specs that follow.
    await openSection(page, "AI Assistant");
    await page.getByRole("switch", { name: "Enable AI Assistant" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    // A reload before the action's answer would cancel the save.
    await expect(page.getByText("Changes saved")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("switch", { name: "Enable AI Assistant" })).not.toBeChecked();
  });
});
