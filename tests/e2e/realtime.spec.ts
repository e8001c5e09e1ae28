import { ADMIN_STATE, expect, signIn, test } from "./support";

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a member deactivated while their tab is open is cut off at once: the tab goes to the sign-in page by itself", async ({ page, browser }) => {
    const suffix = Date.now();
    const email = `dora-${suffix}@demo.test`;
    const name = `Dora ${suffix}`;
    await page.goto("/team");
    await page.getByRole("button", { name: "Add agent" }).click();
    const dialog = page.getByRole("dialog", { name: "Add an agent" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("E-mail").fill(email);
    await dialog.getByLabel("Initial password").fill("dora-password-1");
    await dialog.getByRole("button", { name: "Add agent" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row", { name: new RegExp(name) });

    const agentContext = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const agentPage = await agentContext.newPage();
    // The tab's real-time connection, signed in as Dora (only a signed-in connection can be closed by the server).
    const socket = agentPage.waitForEvent("websocket");
    await signIn(agentPage, email, "dora-password-1");
    await expect(agentPage).toHaveURL(/\/inbox$/);
    await (await socket).waitForEvent("framereceived", { predicate: (frame) => String(frame.payload).includes("pusher:signin_success") });

    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");

    // No navigation by the test: the server closed the connection and the tab re-read its page.
    await expect(agentPage).toHaveURL(/\/login/, { timeout: 15_000 });
    await agentContext.close();
  });
});
