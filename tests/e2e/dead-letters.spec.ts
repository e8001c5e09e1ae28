import type { APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { ADMIN_STATE, deliverMessages, expect, signInAs, test, textMessage } from "./support";

const SHOTS = process.env.E2E_SHOTS_DIR;

/** A signed delivery of three messages whose middle one has an id far too long to store. */
async function deliverWithOddMessage(request: APIRequestContext, suffix: string) {
  const waId = `55138${suffix}`;
  const now = Math.floor(Date.now() / 1000);
  const oddId = `wamid.e2e.odd.${suffix}.${"x".repeat(600)}`;
  await deliverMessages(request, { waId, name: `Vizinho ${suffix}` }, [
    textMessage(waId, `wamid.e2e.before.${suffix}`, `antes ${suffix}`, now),
    textMessage(waId, oddId, "estranha", now),
    textMessage(waId, `wamid.e2e.after.${suffix}`, `depois ${suffix}`, now),
  ]);
  return oddId;
}

test.describe("messages not stored", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin finds the odd message of a delivery, whole, while its neighbours reach the inbox", async ({ page }) => {
    const suffix = String(Date.now()).slice(-8);
    const oddId = await deliverWithOddMessage(page.request, suffix);

    await page.goto("/inbox");
    await expect(page.getByText(`depois ${suffix}`).first()).toBeVisible();

    await page.goto("/settings/whatsapp");
    await page.getByRole("link", { name: "View messages not stored" }).click();
    await expect(page).toHaveURL(/\/settings\/whatsapp\/dead-letters$/);
    await expect(page.getByRole("heading", { name: "Messages not stored" })).toBeVisible();
    const item = page.getByRole("listitem").filter({ hasText: oddId.slice(0, 40) });
    await expect(item).toContainText("The message id is too long to store.");
    const box = item.getByRole("region", { name: /^Message as received at / });
    await expect(box).toContainText(oddId);
    await expect(box).toContainText('"body":"estranha"');
    await item.getByRole("button", { name: /^Show more: / }).click();
    await expect(item.getByRole("button", { name: /^Show less: / })).toHaveAttribute("aria-expanded", "true");
    const download = await page.request.get(await item.getByRole("link", { name: /^Download JSON: / }).getAttribute("href") ?? "");
    expect(JSON.parse(await download.text())).toMatchObject({ id: oddId, text: { body: "estranha" } });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dead-letters-desktop-en.png`, fullPage: true });
  });

  test("reads in Portuguese at 390 px, the JSON wrapping inside its own box", async ({ page, context }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "pt-BR", url: BASE_URL }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await deliverWithOddMessage(page.request, String(Date.now()).slice(-8));
    await page.goto("/settings/whatsapp/dead-letters");
    await expect(page.getByRole("heading", { name: "Mensagens não armazenadas" })).toBeVisible();
    await expect(page.getByText("O id da mensagem é longo demais para ser armazenado.").first()).toBeVisible();
    // The JSON wraps inside its own box: a long message scrolls there, never sideways.
    const region = page.getByRole("region", { name: /^Mensagem como recebida em / }).first();
    expect(await region.evaluate((box) => box.scrollWidth <= box.clientWidth + 1)).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dead-letters-390-pt-BR.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dead-letters-desktop-pt-BR.png`, fullPage: true });
  });
});

test("an agent who opens the messages not stored gets a 404, and the download route refuses too", async ({ page }) => {
  await signInAs(page, "bruno@demo.test");
  const response = await page.goto("/settings/whatsapp/dead-letters");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.request.get("/api/settings/dead-letters/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});
