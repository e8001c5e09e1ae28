import { ADMIN_STATE, signInAs, test as setup } from "./support";

setup("sign in as the demo admin once for the specs that reuse the session", async ({ page }) => {
  await signInAs(page, "admin@demo.test");
  await page.context().storageState({ path: ADMIN_STATE });
});
