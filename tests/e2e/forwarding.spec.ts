import { createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { RECEIVER_ORIGIN } from "../../playwright.config";
import { ADMIN_STATE, deliverMessages, expect, test, textMessage } from "./support";

const SECRET = "whsec_ZTJlLWZvcndhcmRpbmctc2VjcmV0LWUyZS1mb3J3";

type Received = { method: string; path: string; headers: Record<string, string>; body: string };

async function deliver(request: APIRequestContext, contact: { waId: string; name: string }, wamid: string, text: string) {
  await deliverMessages(request, contact, [textMessage(contact.waId, wamid, text)]);
}

const received = async (request: APIRequestContext) => (await (await request.get(`${RECEIVER_ORIGIN}/__fake/requests`)).json()) as Received[];

/** As a receiver verifies it (README, "Webhook forwarding"). */
function signatureOk(headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`).digest("base64");
  return headers["webhook-signature"] === `v1,${expected}`;
}

test.use({ storageState: ADMIN_STATE });

test("an admin turns on webhook forwarding, sends a test event, and sees a customer's message delivered", async ({ page }) => {
  test.setTimeout(60_000);
  await page.request.post(`${RECEIVER_ORIGIN}/__fake/reset`);
  const suffix = String(Date.now()).slice(-8);
  const contact = { waId: `55139${suffix}`, name: `Encaminhado ${suffix}` };
  const wamid = `wamid.e2e.forward.${suffix}`;

  await page.goto("/settings/webhook-forwarding");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Webhook forwarding" }).click();
  const enabled = page.getByRole("switch", { name: "Enable webhook resend" });
  await expect(enabled).not.toBeChecked();
  await enabled.click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter the endpoint URL to turn forwarding on.")).toBeVisible();
  await expect(page.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");

  await expect(page.getByRole("combobox", { name: "Method" }).locator("option:checked")).toHaveText("POST (JSON body)");
  await page.getByLabel("Endpoint URL").fill(`${RECEIVER_ORIGIN}/hook`);
  await page.getByLabel("Signing secret (optional)").fill(SECRET);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await page.reload();
  await expect(enabled).toBeChecked();
  await expect(page.getByLabel("Endpoint URL")).toHaveValue(`${RECEIVER_ORIGIN}/hook`);
  await expect(page.getByLabel("Signing secret (optional)")).toHaveValue("");
  await expect(page.getByText(/Saved secret: whse••••••••/)).toBeVisible();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText(/^The endpoint answered 200 in \d+ ms\.$/)).toBeVisible();
  await expect(page.getByLabel("Answer body (first 500 bytes)")).toHaveText('{"received":true}');
  const sample = (await received(page.request)).find((r) => JSON.parse(r.body || "{}").event === "test");
  expect(sample && signatureOk(sample.headers, sample.body)).toBe(true);

  await deliver(page.request, contact, wamid, `Quero encaminhar ${suffix}`);
  await expect
    .poll(async () => (await received(page.request)).find((r) => r.body && JSON.parse(r.body).message_id === wamid), { timeout: 15_000 })
    .toBeTruthy();
  const forwarded = (await received(page.request)).find((r) => r.body && JSON.parse(r.body).message_id === wamid)!;
  expect(forwarded).toMatchObject({ method: "POST", path: "/hook" });
  expect(JSON.parse(forwarded.body)).toMatchObject({ event: "message.received", sender: contact.waId, sender_name: contact.name, message: `Quero encaminhar ${suffix}` });
  expect(signatureOk(forwarded.headers, forwarded.body)).toBe(true);

  await page.getByRole("link", { name: "View deliveries" }).click();
  await expect(page).toHaveURL(/\/settings\/webhook-forwarding\/deliveries$/);
  const row = page.getByRole("row", { name: new RegExp(contact.name) });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Delivered", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText("HTTP 200");

  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("row", { name: new RegExp(contact.name) })).toHaveCount(0);

  // Leave the demo workspace as the other specs expect it: forwarding off.
  await page.goto("/settings/webhook-forwarding");
  await enabled.click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
});
