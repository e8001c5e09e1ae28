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

// Olga (the other workspace's admin): the language chosen here is stored for the member, and the demo
// admin's must stay unset for the specs that read the dashboard in the browser's language.
test("the language switcher changes the member's screens and is remembered", async ({ page }) => {
  await signInAs(page, "olga@outra.test", "outra-password-1");
  await page.goto("/settings/whatsapp");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();

  await page.getByRole("button", { name: "Account menu for Olga Outra" }).click();
  await page.getByRole("menuitemradio", { name: "Português (Brasil)" }).click();
  await expect(page.getByRole("button", { name: "Salvar alterações" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Configurações" })).toBeVisible();

  await page.getByRole("button", { name: "Menu da conta de Olga Outra" }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
});
