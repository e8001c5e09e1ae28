import { ADMIN_STATE, expect, test } from "./support";

test.use({ storageState: ADMIN_STATE });

test("saving the WhatsApp channel shows field errors for bad values and keeps the stored token", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/whatsapp$/);
  await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "WhatsApp channel" })).toBeVisible();
  await expect(page.getByLabel("Phone number ID")).toHaveValue("100000000000001");
  await expect(page.getByText(/Saved token: demo••••••••oken/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Callback URL" })).toHaveValue(/\/api\/whatsapp\/webhook$/);

  await page.getByLabel("Phone number ID").fill("not-a-number");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Digits only, as shown in Meta's dashboard.")).toBeVisible();
  await expect(page.getByLabel("Phone number ID")).toHaveAttribute("aria-invalid", "true");

  await page.reload();
  await expect(page.getByLabel("Phone number ID")).toHaveValue("100000000000001");

  await page.getByLabel("Display phone number").fill("+55 11 90000-0009");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Display phone number")).toHaveValue("+55 11 90000-0009");
  await expect(page.getByText(/Saved token: demo••••••••oken/)).toBeVisible();
});
