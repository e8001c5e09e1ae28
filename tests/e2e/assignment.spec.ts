import { ADMIN_STATE, signInAs, expect, test, waitForRealtime } from "./support";

test.describe("manual assignment", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin assigns a chat through the picker; the new assignee is told live and sees it as theirs", async ({ page, browser }) => {
    test.setTimeout(60_000);

    // Bruno is signed in and sitting on the inbox before anything happens.
    const brunoContext = await browser.newContext({ storageState: undefined, locale: "en-US" });
    const bruno = await brunoContext.newPage();
    await signInAs(bruno, "bruno@demo.test");
    const brunoList = bruno.getByRole("navigation", { name: "Conversations" });
    await expect(brunoList.getByRole("link", { name: /Maria Souza/ })).toBeVisible();
    // Bruno's tab hears news live before anything happens, as an agent's open tab would.
    await waitForRealtime(bruno);

    await page.goto("/inbox");
    await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /Maria Souza/ }).click();
    const header = page.locator("header").filter({ has: page.getByRole("heading", { name: "Maria Souza" }) });
    const assignButton = header.getByRole("button", { name: /^(Assign conversation|Assignee: .+)$/ });
    await expect(assignButton).toBeVisible();
    if ((await assignButton.getAttribute("aria-label")) === "Assignee: Bruno Lima") {
      // Left assigned to Bruno by an earlier run against the same server: start from nobody.
      await assignButton.click();
      await page.getByRole("dialog", { name: "Assign conversation" }).getByRole("button", { name: "Unassign" }).click();
      await expect(header.getByRole("button", { name: "Assign conversation" })).toBeVisible();
    }

    await assignButton.click();
    const picker = page.getByRole("dialog", { name: "Assign conversation" });
    await picker.getByRole("searchbox", { name: "Search members" }).fill("bru");
    await expect(picker.getByRole("button", { name: /Ana Souza/ })).toHaveCount(0);
    await picker.getByRole("button", { name: /Bruno Lima/ }).click();
    await expect(picker).toBeHidden();
    await expect(page.getByText("Conversation assigned to Bruno Lima")).toBeVisible();
    await expect(header.getByRole("button", { name: "Assignee: Bruno Lima" })).toBeVisible();

    // Bruno, without reloading: a toast, and the list shows him as the assignee.
    await expect(bruno.getByText("New conversation assigned to you: Maria Souza")).toBeVisible();
    await expect(brunoList.getByRole("link", { name: /Maria Souza/ })).toContainText("Bruno Lima");
    await bruno.getByRole("link", { name: "Open conversation" }).click();
    await expect(bruno).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    await expect(bruno.getByRole("button", { name: "Assignee: Bruno Lima" })).toBeVisible();

    // The admin's history panel tells the change in words.
    await header.getByRole("button", { name: "History" }).click();
    const history = page.getByRole("dialog", { name: "Assignment history" });
    await expect(history.getByRole("listitem").first()).toContainText("Admin Demo assigned to Bruno Lima");

    await brunoContext.close();
  });
});
