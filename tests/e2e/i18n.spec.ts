import { signInAs, expect, test } from "./support";

test.describe("a browser that prefers Portuguese", () => {
  test.use({ locale: "pt-BR" });

  test("gets the pt-BR screens", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Entrar" })).toBeVisible();
    await expect(page.getByLabel("Senha")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  });
});

test("the language switcher changes the member's screens and is remembered", async ({ page }) => {
  await signInAs(page, "admin@demo.test");
  await page.goto("/settings/whatsapp");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();

  await page.getByRole("button", { name: "Account menu for Admin Demo" }).click();
  await page.getByRole("menuitemradio", { name: "Português (Brasil)" }).click();
  await expect(page.getByRole("button", { name: "Salvar alterações" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Configurações" })).toBeVisible();

  await page.getByRole("button", { name: "Menu da conta de Admin Demo" }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
});
