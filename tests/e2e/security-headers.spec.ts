import type { APIResponse } from "@playwright/test";
import { ADMIN_STATE, expect, test } from "./support";

/** What every answer carries (next.config.ts); the e2e server is a production build, so HSTS is on. */
function expectStaticHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBe("max-age=31536000");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

test("the sign-in page forbids framing and runs only scripts carrying its nonce", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.status()).toBe(200);
  expectStaticHeaders(response);
  const policy = response.headers()["content-security-policy"]!;
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("connect-src 'self' ws://127.0.0.1:6101 wss://127.0.0.1:6101");
  expect(policy).not.toContain("unsafe-eval");
});

test.describe("a dashboard page", () => {
  test.use({ storageState: ADMIN_STATE });

  test("gets a fresh nonce on every request, and every <script> it sends carries it", async ({ page }) => {
    // page.request shares the signed-in context's cookies.
    const first = await page.request.get("/inbox");
    const second = await page.request.get("/inbox");
    expect(first.status()).toBe(200);
    expectStaticHeaders(first);
    const nonce = nonceOf(first);
    expect(nonceOf(second)).not.toBe(nonce);

    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("works under the policy: scripts run, the menu opens, and no violation is reported", async ({ page }) => {
    for (const path of ["/inbox", "/leads", "/reports", "/settings/notification-sound", "/team"]) {
      await page.goto(path);
      await expect(page.getByRole("button", { name: "Account menu for Admin Demo" })).toBeVisible();
    }
    await page.getByRole("button", { name: "Account menu for Admin Demo" }).click();
    await expect(page.getByRole("menuitem", { name: "Change password" })).toBeVisible();
    // The test fixture (tests/e2e/support.ts) fails the test on any Content-Security-Policy console error.
  });
});

test("an API route and the WhatsApp webhook carry the headers, refusals included", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectStaticHeaders(health);

  const unsigned = await request.post("/api/whatsapp/webhook", { data: { object: "whatsapp_business_account", entry: [] } });
  expect(unsigned.status()).toBe(401);
  expectStaticHeaders(unsigned);

  const anonymous = await request.get("/api/inbox/conversations");
  expect(anonymous.status()).toBe(401);
  expectStaticHeaders(anonymous);
});
