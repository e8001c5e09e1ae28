import type { Page } from "@playwright/test";
import { RECEIVER_ORIGIN } from "../../playwright.config";
import { ADMIN_STATE, deliverMessages, deliverValue, expect, test, textMessage } from "./support";

/*
 * Rule: a pt-BR member reads pt-BR words (issue 14, item 6): a failed send is explained from the
 * code the row keeps, not Meta's English; forwarding deliveries name message types in words; the
 * settings say "espaço de trabalho", never "workspace". Each screen is also photographed at
 * 390×844 and on a desktop.
 */

async function setForwarding(page: Page, on: boolean) {
  await page.goto("/settings/webhook-forwarding");
  const enabled = page.getByRole("switch", { name: "Enable webhook resend" });
  await expect(enabled).toBeVisible();
  if ((await enabled.isChecked()) === on) return;
  await enabled.click();
  if (on) await page.getByLabel("Endpoint URL").fill(`${RECEIVER_ORIGIN}/hook`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
}

async function setLanguage(page: Page, from: "en" | "pt-BR", to: "English" | "Português (Brasil)") {
  await page.getByRole("button", { name: from === "en" ? "Account menu for Admin Demo" : "Menu da conta de Admin Demo" }).click();
  await page.getByRole("menuitemradio", { name: to }).click();
}

/** The screen at desktop size and at 390×844, for a person to look at. */
async function photograph(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `test-results/pt-br-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/pt-br-${name}-390.png`, fullPage: true });
  await expect(page.locator("body")).not.toContainText(/\bworkspace\b/i);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.use({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });

test("a pt-BR admin reads a failed send, forwarded message types and the settings in Portuguese", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55116${suffix}`, name: `Cliente Palavras ${suffix}` };
  const wamid = `wamid.e2e.words.${suffix}`;

  // A customer's text, forwarded while forwarding is on (left off again, as the other specs expect).
  await setForwarding(page, true);
  try {
    await deliverMessages(page.request, contact, [textMessage(contact.waId, wamid, "Vocês abrem sábado?")]);
    await page.goto("/settings/webhook-forwarding/deliveries");
    const row = page.getByRole("row", { name: new RegExp(contact.name) });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("Delivered", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(row).toContainText("Text");
  } finally {
    await setForwarding(page, false);
  }

  // The agent's reply, which WhatsApp later reports as failed (131047, with Meta's English words).
  await page.goto("/inbox");
  await page.getByRole("link", { name: new RegExp(contact.name) }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("Abrimos sim, das 9h às 13h.");
  await page.getByRole("button", { name: "Send" }).click();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByRole("img", { name: "Sent" })).toBeVisible();
  const conversationId = new URL(page.url()).pathname.split("/").at(-1)!;
  const { items } = (await (await page.request.get(`/api/inbox/conversations/${conversationId}/messages`)).json()) as {
    items: { direction: string; wamid: string | null }[];
  };
  const sentWamid = items.find((m) => m.direction === "outbound")!.wamid!;
  await deliverValue(page.request, {
    statuses: [{
      id: sentWamid,
      status: "failed",
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: contact.waId,
      errors: [{
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
      }],
    }],
  });
  await expect(log.getByText(/More than 24 hours have passed since the customer last wrote/)).toBeVisible();

  await setLanguage(page, "en", "Português (Brasil)");
  try {
    await expect(page.getByRole("textbox", { name: "Mensagem" })).toBeVisible();
    const logPt = page.getByRole("log", { name: "Mensagens" });
    await expect(logPt.getByText("Não entregue: Já se passaram mais de 24 horas desde a última mensagem do cliente")).toBeVisible();
    await expect(logPt).not.toContainText("Re-engagement");
    await expect(logPt).not.toContainText("Message failed to send");
    await photograph(page, "failed-send");

    await page.goto("/settings/webhook-forwarding/deliveries");
    const row = page.getByRole("row", { name: new RegExp(contact.name) });
    await expect(row).toContainText("Texto");
    await expect(row).not.toContainText(/\btext\b/);
    await photograph(page, "forwarding-deliveries");

    await page.goto("/settings/ai-integration");
    await expect(page.getByText(/Chamadas de IA deste espaço de trabalho/)).toBeVisible();
    await photograph(page, "ai-integration");

    await page.goto("/settings/chat-cleanup");
    await expect(page.getByText(/neste espaço de trabalho/)).toBeVisible();
    await photograph(page, "chat-cleanup");
  } finally {
    await page.goto("/inbox");
    await setLanguage(page, "pt-BR", "English");
    await expect(page.getByRole("textbox", { name: "Message" }).or(page.getByText("Select a conversation"))).toBeVisible();
  }
});
