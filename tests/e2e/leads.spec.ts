import { ADMIN_STATE, deliverMessages, expect, signInAs, test, textMessage, waitForRealtime } from "./support";

test.use({ storageState: ADMIN_STATE });

test("a new contact's webhook becomes a lead with the configured status, source and assignee, on the board and in the assignee's toast", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The admin turns automatic lead capture on: status Contacted, source Instagram, leads to Ana.
  await page.goto("/settings/auto-lead");
  await page.getByRole("switch", { name: "Enable automatic lead capture" }).click();
  await page.getByRole("combobox", { name: "Lead status" }).selectOption({ label: "Contacted" });
  await page.getByRole("combobox", { name: "Lead source" }).selectOption({ label: "Instagram" });
  await page.getByRole("combobox", { name: "Assign new leads to" }).selectOption({ label: "Ana Souza" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();

  // Ana is at work with the app open.
  const anaContext = await browser.newContext({ storageState: undefined, locale: "en-US" });
  const ana = await anaContext.newPage();
  await signInAs(ana, "ana@demo.test");
  await waitForRealtime(ana);

  const suffix = String(Date.now()).slice(-8);
  const waId = `55119${suffix}`;
  await deliverMessages(page.request, { waId, name: `Lead ${suffix}` }, [textMessage(waId, `wamid.e2e.lead.${suffix}`, "Quero comprar")]);

  await expect(ana.getByText(`New lead assigned to you: Lead ${suffix}`)).toBeVisible({ timeout: 5_000 });

  await page.goto("/leads?view=board");
  const column = page.getByRole("region", { name: "Contacted" });
  const card = column.getByRole("listitem").filter({ hasText: `Lead ${suffix}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Instagram");
  await expect(card).toContainText("Ana Souza");
  await anaContext.close();
});
