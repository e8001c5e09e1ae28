import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/whatsapp/webhook-app-router/route";
import type { DbConnection } from "@/lib/db/client";
import { messages } from "@/lib/db/schema";
import { saveChannel } from "@/lib/whatsapp/channel";
import { flushAfter } from "../support/after-queue";
import { createWorkspace } from "../support/factories";
import { useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { signedRequest, textMessage, webhookBody } from "../support/webhook";

/*
 * The App Router twin of the webhook (docs/decisions/0001): the alternative
 * Meta can be pointed at, so it must answer exactly as the Pages route does.
 * The handlers are called as Next.js calls them, with a NextRequest.
 */

const published = vi.hoisted(() => [] as { name: string }[]);
vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async (events: typeof published) => void published.push(...events)) }));

const NUMBER = "100000000000001";
const URL_ = "http://localhost/api/whatsapp/webhook-app-router";
let connection: DbConnection;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  const { id } = await createWorkspace(connection.db);
  await saveChannel(connection.db, id, { wabaId: "1", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t", phoneNumberId: NUMBER });
});
afterAll(() => connection.close());
beforeEach(() => {
  published.length = 0;
});

const post = async (request: Request) => {
  const response = await POST(new NextRequest(request), {});
  await flushAfter();
  return response;
};
const signed = (body: unknown, options: Parameters<typeof signedRequest>[1] = {}) => signedRequest(body, { url: URL_, ...options });
const messagesOf = (wamid: string) => connection.db.select().from(messages).where(eq(messages.wamid, wamid));

describe("GET verification handshake", () => {
  const handshake = (token: string) => GET(new NextRequest(`${URL_}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`), {});
  it("echoes the challenge when the verify token matches, and answers 403 to another token", async () => {
    const response = await handshake("dev-verify-token");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("1158201444");
    expect((await handshake("guess")).status).toBe(403);
  });
});

describe("POST delivery", () => {
  it("stores a signed delivery, answers a bare 200 and publishes after the answer", async () => {
    const response = await post(signed(webhookBody(NUMBER, { messages: [textMessage("5511900000100", "wamid.app-router", "oi")] })));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(await messagesOf("wamid.app-router")).toHaveLength(1);
    expect(published.map((e) => e.name).sort()).toEqual(["conversation.updated", "message.created"]);
  });

  it("refuses a missing or wrong signature with 401 and stores nothing", async () => {
    const body = webhookBody(NUMBER, { messages: [textMessage("5511900000101", "wamid.app-router-unsigned", "oi")] });
    for (const options of [{ signature: null }, { secret: "another-secret" }]) {
      const response = await post(signed(body, options));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "invalid_signature" });
    }
    expect(await messagesOf("wamid.app-router-unsigned")).toHaveLength(0);
  });

  it("refuses a body over 3 MB with 413 and closes the connection, announced or streamed", async () => {
    const announced = await post(signed("x".repeat(3 * 1024 * 1024 + 1)));
    expect(announced.status).toBe(413);
    expect(announced.headers.get("connection")).toBe("close");
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: "payload_too_large" });
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    expect((await post(signed("not json"))).status).toBe(400);
  });
});
