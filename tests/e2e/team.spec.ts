import { ADMIN_STATE, signIn, signInAs, expect, test } from "./support";

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("adds an agent who then signs in, and deactivation locks them out", async ({ page, browser }) => {
    // Unique per run, so the suite also passes again on a database kept from an earlier run.
    const suffix = Date.now();
    const email = `carla-${suffix}@demo.test`;
    const name = `Carla ${suffix}`;
    await page.goto("/team");
    await page.getByRole("button", { name: "Add agent" }).click();
    const dialog = page.getByRole("dialog", { name: "Add an agent" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("E-mail").fill(email);
    await dialog.getByLabel("Initial password").fill("short");
    await dialog.getByRole("button", { name: "Add agent" }).click();
    await expect(dialog.getByText("Use at least 8 characters.")).toBeVisible();

    await dialog.getByLabel("Initial password").fill("carla-password-1");
    await dialog.getByRole("button", { name: "Add agent" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(email);
    await expect(row).toContainText("Agent");

    const agentContext = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const agentPage = await agentContext.newPage();
    await signIn(agentPage, email, "carla-password-1");
    await expect(agentPage).toHaveURL(/\/inbox$/);

    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");

    // Already signed in: refused on the next request.
    await agentPage.goto("/inbox");
    await expect(agentPage).toHaveURL(/\/login/);
    await signIn(agentPage, email, "carla-password-1");
    await expect(agentPage.getByRole("alert").filter({ hasText: "deactivated" })).toBeVisible();
    await agentContext.close();
  });
});

test("an agent's availability is set from the user menu", async ({ page }) => {
  await signInAs(page, "ana@demo.test");
  await page.getByRole("button", { name: "Account menu for Ana Souza" }).click();
  await page.getByRole("menuitemradio", { name: "Away" }).click();
  await expect(page.getByRole("button", { name: "Account menu for Ana Souza" })).toContainText("Away");
  await page.getByRole("button", { name: "Account menu for Ana Souza" }).click();
  await page.getByRole("menuitemradio", { name: "Available" }).click();
  await expect(page.getByRole("button", { name: "Account menu for Ana Souza" })).toContainText("Available");
});
