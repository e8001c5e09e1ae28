import type { APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, deliverMessages, expect, test, textMessage } from "./support";

const DAY_S = 24 * 60 * 60;

/** A signed webhook from a customer: the way old messages get into the demo workspace. */
async function deliver(request: APIRequestContext, contact: { waId: string; name: string }, messages: { id: string; body: string; timestamp: number }[]) {
  await deliverMessages(request, contact, messages.map((m) => textMessage(contact.waId, m.id, m.body, m.timestamp)));
}

const conversationsNamed = async (request: APIRequestContext, name: string) =>
  ((await (await request.get(`/api/inbox/conversations?status=all&q=${encodeURIComponent(name)}`)).json()) as { items: unknown[] }).items;

test.use({ storageState: ADMIN_STATE });

test("an admin saves the cleanup period, runs the cleanup now, and sees what it deleted and the run in the list", async ({ page }) => {
  test.setTimeout(60_000);
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55129${suffix}`, name: `Antigo ${suffix}` };
  // Older than a year, so the 365-day period below deletes this chat and nothing the other specs wrote.
  const longAgo = Math.floor(Date.now() / 1000) - 400 * DAY_S;
  await deliver(page.request, contact, [
    { id: `wamid.e2e.old.${suffix}.1`, body: `Pedido antigo ${suffix}`, timestamp: longAgo },
    { id: `wamid.e2e.old.${suffix}.2`, body: `Obrigado ${suffix}`, timestamp: longAgo + 60 },
  ]);
  expect(await conversationsNamed(page.request, contact.name)).toHaveLength(1);

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Chat cleanup" }).click();
  await expect(page).toHaveURL(/\/settings\/chat-cleanup$/);
  const toggle = page.getByRole("switch", { name: "Enable automatic chat history cleanup" });
  const days = page.getByRole("spinbutton", { name: "Cleanup after (days)" });
  await expect(toggle).not.toBeChecked();
  await expect(days).toHaveValue("30");
  await expect(page.getByRole("textbox", { name: "Cleanup route (GET)" })).toHaveValue(/\/api\/cron\/cleanup$/);
  await expect(page.getByRole("textbox", { name: "Authorization header" })).toHaveValue("Authorization: Bearer $CRON_SECRET");

  await days.fill("0");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a whole number of days, 1 or more.")).toBeVisible();
  await expect(days).toHaveAttribute("aria-invalid", "true");

  await toggle.click();
  await days.fill("365");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await page.reload();
  await expect(toggle).toBeChecked();
  await expect(days).toHaveValue("365");
  await expect(page.getByText("Automatic cleanup is on for this workspace.")).toBeVisible();

  // Holds the action's request for a moment, so the progress state can be seen.
  await page.route("**/settings/chat-cleanup", async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.getByRole("button", { name: "Run cleanup now" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete chat history now?" });
  await expect(dialog).toContainText("older than 365 days");
  await dialog.getByRole("button", { name: "Delete now" }).click();
  const busy = page.getByRole("button", { name: "Cleaning up…" });
  await expect(busy).toBeDisabled();
  await expect(busy).toHaveAttribute("aria-busy", "true");

  await expect(page.getByRole("status").filter({ hasText: "Deleted 2 messages and 1 chat." })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Run cleanup now" })).toBeEnabled();
  const runs = page.getByRole("table", { name: "Recent cleanup runs" });
  const latest = runs.getByRole("row").nth(1);
  await expect(latest.getByRole("cell").nth(1)).toHaveText("Admin Demo");
  await expect(latest.getByRole("cell").nth(2)).toHaveText("2");
  await expect(latest.getByRole("cell").nth(3)).toHaveText("1");
  await expect(latest.getByRole("cell").nth(5)).toHaveText("Completed");

  expect(await conversationsNamed(page.request, contact.name)).toHaveLength(0);
  // The demo's recent chats are younger than the period and stay.
  expect(await conversationsNamed(page.request, "Maria Souza")).toHaveLength(1);
});
