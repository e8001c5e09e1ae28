import type { Request } from "@playwright/test";
import { ADMIN_STATE, deliverMessages, expect, signIn, test, textMessage, waitForRealtime } from "./support";

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

test.describe("the open inbox", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a customer's message while their chat is open shows in the chat and moves the chat to the top, fetching that one message and chat instead of the list", async ({ page }) => {
    const suffix = String(Date.now()).slice(-8);
    const older = { waId: `55118${suffix}`, name: `Antigo ${suffix}` };
    const newer = { waId: `55117${suffix}`, name: `Recente ${suffix}` };
    const now = Math.floor(Date.now() / 1000);
    await deliverMessages(page.request, older, [textMessage(older.waId, `wamid.e2e.live.a.${suffix}`, `Primeira ${suffix}`, now)]);
    await deliverMessages(page.request, newer, [textMessage(newer.waId, `wamid.e2e.live.b.${suffix}`, `Segunda ${suffix}`, now + 1)]);

    // The tab re-reads everything once its channels are subscribed (events before that are lost): let that pass first.
    let subscribed = 0;
    page.on("websocket", (socket) =>
      socket.on("framereceived", (frame) => {
        const payload = String(frame.payload);
        if (payload.includes("pusher_internal:subscription_succeeded") && payload.includes(`"channel":"private-`)) subscribed += 1;
      }),
    );
    await page.goto("/inbox");
    const list = page.getByRole("navigation", { name: "Conversations" });
    await expect(list.getByRole("link").first()).toContainText(newer.name);
    await list.getByRole("link", { name: new RegExp(older.name) }).click();
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText(`Primeira ${suffix}`)).toBeVisible();
    const conversationId = page.url().split("/inbox/")[1]!.split("?")[0]!;
    // The admin's three channels: the workspace's, the admins' and their own.
    const inFlight = new Set<Request>();
    page.on("request", (request) => inFlight.add(request));
    page.on("requestfinished", (request) => inFlight.delete(request));
    page.on("requestfailed", (request) => inFlight.delete(request));
    await expect.poll(() => subscribed).toBe(3);
    // The first load's re-read starts as the last subscription lands, before the status says connected: let it finish.
    await waitForRealtime(page);
    await expect.poll(() => [...inFlight].filter((request) => request.url().includes("/api/")).length).toBe(0);

    const reads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "GET" && request.url().includes("/api/inbox/")) reads.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    await deliverMessages(page.request, older, [textMessage(older.waId, `wamid.e2e.live.c.${suffix}`, `Nova ${suffix}`, now + 2)]);

    await expect(log.getByText(`Nova ${suffix}`)).toBeVisible();
    await expect(list.getByRole("link").first()).toContainText(older.name);
    await expect(list.getByRole("link").first()).toContainText(`Nova ${suffix}`);
    expect(reads.filter((path) => path.startsWith("/api/inbox/conversations?") || path === "/api/inbox/conversations")).toEqual([]);
    expect(reads.filter((path) => path.startsWith(`/api/inbox/conversations/${conversationId}/messages?`) || path === `/api/inbox/conversations/${conversationId}/messages`)).toEqual([]);
    expect(reads).toContainEqual(expect.stringMatching(new RegExp(`^/api/inbox/conversations/${conversationId}/messages/[0-9a-f-]{36}$`)));
    expect(reads).toContain(`/api/inbox/conversations/${conversationId}`);
  });
  test("a chat loaded afresh reads what the server rendered into it only once more, when its channels are subscribed", async ({ page, context }) => {
    const suffix = String(Date.now()).slice(-8);
    const customer = { waId: `55116${suffix}`, name: `Recarga ${suffix}` };
    await deliverMessages(page.request, customer, [textMessage(customer.waId, `wamid.e2e.live.once.${suffix}`, `Uma vez ${suffix}`)]);
    // Opened once first, so the measured load has nothing unread to mark (marking publishes an update that re-reads).
    await page.goto("/inbox");
    await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(page.getByRole("log", { name: "Messages" }).getByText(`Uma vez ${suffix}`)).toBeVisible();
    await waitForRealtime(page);
    const chatPath = new URL(page.url()).pathname;
    const conversationId = chatPath.split("/inbox/")[1]!;
    await page.close();

    const fresh = await context.newPage();
    const reads: string[] = [];
    const inFlight = new Set<Request>();
    fresh.on("request", (request) => {
      inFlight.add(request);
      if (request.method() === "GET" && request.url().includes("/api/inbox/")) reads.push(new URL(request.url()).pathname);
    });
    fresh.on("requestfinished", (request) => inFlight.delete(request));
    fresh.on("requestfailed", (request) => inFlight.delete(request));
    await fresh.goto(chatPath);
    await expect(fresh.getByRole("log", { name: "Messages" }).getByText(`Uma vez ${suffix}`)).toBeVisible();
    await waitForRealtime(fresh);
    await expect.poll(() => [...inFlight].filter((request) => request.url().includes("/api/")).length).toBe(0);
    // Seeded by the server; not fetched again on mount, then once by the re-read that follows the first subscription.
    expect(reads.filter((path) => path === `/api/inbox/conversations/${conversationId}/messages`)).toHaveLength(1);
    expect(reads.filter((path) => path === "/api/inbox/conversations")).toHaveLength(1);
  });
});
