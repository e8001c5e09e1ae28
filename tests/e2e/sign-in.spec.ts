import { signIn, signInAs, signOut, expect, test } from "./support";

test("an anonymous visitor is sent to the sign-in screen", async ({ page }) => {
  await page.goto("/team");
  await expect(page).toHaveURL(/\/login\?next=%2Fteam$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("signs in and out", async ({ page }) => {
  await signInAs(page, "ana@demo.test");
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await signOut(page, "Ana Souza");
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await signIn(page, "bruno@demo.test", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("an agent who opens the team screen gets a 404 and no member data", async ({ page }) => {
  await signInAs(page, "bruno@demo.test");
  await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
  const response = await page.goto("/team");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("admin@demo.test")).toHaveCount(0);
});

test("repeated wrong passwords for one e-mail are slowed, then refused for a while with a clear message", async ({ page }) => {
  test.setTimeout(60_000);
  const email = `guesser-${Date.now()}@demo.test`;
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, email, `wrong-${attempt}`);
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible({ timeout: 10_000 });
  }
  await signIn(page, email, "wrong-5");
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts. Try again in 15 minutes." })).toBeVisible({ timeout: 10_000 });
});
