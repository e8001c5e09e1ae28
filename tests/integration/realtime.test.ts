import { createHmac } from "node:crypto";
import Pusher from "pusher";
import PusherClient, { type Channel, type ChannelAuthorizationHandler } from "pusher-js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { POST as authRoute } from "@/app/api/pusher/auth/route";
import { POST as userAuthRoute } from "@/app/api/pusher/user-auth/route";
import type { DbConnection } from "@/lib/db/client";
import { event, userChannel, workspaceChannel, type RealtimeEventMap } from "@/lib/realtime/events";
import { publish, pusherServer } from "@/lib/realtime/publish";
import type { PusherServer } from "@/scripts/pusher-server/server";
import { startLocalPusher } from "../support/local-pusher";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

/**
 * The real `pusher` and `pusher-js` libraries against the project's local
 * Pusher server, with private channels authorized by /api/pusher/auth.
 */
const APP = { appId: "test-app", key: "test-key", secret: "test-secret" };

type Member = Awaited<ReturnType<typeof createMember>> & { workspaceId: string };

let connection: DbConnection;
let server: PusherServer;
let stopPusher: () => Promise<void>;
let member: Member;
let colleague: Member;
let outsider: Member;
let deactivated: Member;
const clients: PusherClient[] = [];

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  ({ server, stop: stopPusher } = await startLocalPusher(APP));
  const a = (await createWorkspace(connection.db, { name: "A" })).id;
  const b = (await createWorkspace(connection.db, { name: "B" })).id;
  member = { ...(await createMember(connection.db, { workspaceId: a })), workspaceId: a };
  colleague = { ...(await createMember(connection.db, { workspaceId: a })), workspaceId: a };
  deactivated = { ...(await createMember(connection.db, { workspaceId: a, active: false })), workspaceId: a };
  outsider = { ...(await createMember(connection.db, { workspaceId: b })), workspaceId: b };
});
afterAll(async () => {
  await stopPusher();
  await connection.close();
});
beforeEach(() => actAs(member));
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

function authorize(socketId: string, channel: string): Promise<Response> {
  const request = new Request("http://127.0.0.1/api/pusher/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
  });
  return authRoute(request, {});
}

/** What pusher-js does with channelAuthorization.endpoint, with the route handler called directly. */
const throughRoute: ChannelAuthorizationHandler = ({ socketId, channelName }, callback) => {
  authorize(socketId, channelName)
    .then(async (res) => (res.ok ? callback(null, await res.json()) : callback(new Error(`auth answered ${res.status}`), null)))
    .catch((error: Error) => callback(error, null));
};

function connect(customHandler: ChannelAuthorizationHandler = throughRoute): PusherClient {
  const client = new PusherClient(APP.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: { customHandler },
  });
  clients.push(client);
  return client;
}

/**
 * Resolves with the server's answer to the subscription: succeeded, or the error pusher-js reports on the channel.
 * Call it right after subscribe(): the answer is not replayed to listeners bound later.
 */
function subscription(channel: Channel): Promise<{ ok: true } | { ok: false; error: unknown }> {
  return new Promise((resolve) => {
    channel.bind("pusher:subscription_succeeded", () => resolve({ ok: true }));
    channel.bind("pusher:subscription_error", (error: unknown) => resolve({ ok: false, error }));
  });
}

function next<N extends keyof RealtimeEventMap>(channel: Channel, name: N): Promise<RealtimeEventMap[N]> {
  return new Promise((resolve) => channel.bind(name, resolve));
}

const sign = (text: string) => createHmac("sha256", APP.secret).update(text).digest("hex");

describe("publishing to a subscribed browser", () => {
  it("delivers published events to a member subscribed to their workspace's and their own channel", async () => {
    const client = connect();
    const workspace = client.subscribe(workspaceChannel(member.workspaceId));
    const own = client.subscribe(userChannel(member.userId));
    expect(await Promise.all([subscription(workspace), subscription(own)])).toEqual([{ ok: true }, { ok: true }]);

    const created = { conversationId: "c-1", messageId: "m-1", direction: "inbound", sender: "customer", authorUserId: null } as const;
    const received = next(workspace, "message.created");
    const receivedOwn = next(own, "conversation.updated");
    await publish([
      event(workspaceChannel(member.workspaceId), "message.created", created),
      event(userChannel(member.userId), "conversation.updated", { conversationId: "c-1" }),
    ]);
    expect(await received).toEqual(created);
    expect(await receivedOwn).toEqual({ conversationId: "c-1" });
    expect(server.events.slice(-2)).toMatchObject([
      { appId: APP.appId, name: "message.created", channels: [workspaceChannel(member.workspaceId)], data: JSON.stringify(created) },
      { appId: APP.appId, name: "conversation.updated", channels: [userChannel(member.userId)] },
    ]);
  });

  it("does not deliver one workspace's events to a member of another", async () => {
    actAs(outsider);
    const client = connect();
    const theirs = client.subscribe(workspaceChannel(outsider.workspaceId));
    expect(await subscription(theirs)).toEqual({ ok: true });
    const seen: unknown[] = [];
    theirs.bind_global((name: string, data: unknown) => void (name.startsWith("pusher") || seen.push(data)));

    // Published after B's own event, so once that arrives A's would have too.
    const own = next(theirs, "settings.updated");
    await publish([
      event(workspaceChannel(member.workspaceId), "settings.updated", { section: "of-a" }),
      event(workspaceChannel(outsider.workspaceId), "settings.updated", { section: "of-b" }),
    ]);
    expect(await own).toEqual({ section: "of-b" });
    expect(seen).toEqual([{ section: "of-b" }]);
  });
});

describe("publishing under load", () => {
  const numbered = (n: number) => event(workspaceChannel(member.workspaceId), "conversation.updated", { conversationId: `load-${n}` });

  it("sends the events of publishes made in one turn together, ten to a request, in order", async () => {
    const requestsBefore = server.publishRequests;
    const eventsBefore = server.events.length;
    // Twelve requests finishing at once, with two events each.
    await Promise.all(Array.from({ length: 12 }, (_, i) => publish([numbered(2 * i), numbered(2 * i + 1)])));
    expect(server.publishRequests - requestsBefore).toBe(3);
    const sent = server.events.slice(eventsBefore).map((e) => (JSON.parse(e.data) as { conversationId: string }).conversationId);
    expect(sent).toEqual(Array.from({ length: 24 }, (_, n) => `load-${n}`));
  });

  it("sends a lone publish in a request of its own, at once", async () => {
    const requestsBefore = server.publishRequests;
    await publish([numbered(100)]);
    await publish([numbered(101)]);
    expect(server.publishRequests - requestsBefore).toBe(2);
  });

  it("still sends the rest of a batch Pusher refuses for one event, and names the one it lost", async () => {
    const eventsBefore = server.events.length;
    const tooBig = event(workspaceChannel(member.workspaceId), "lead.created", { leadId: "x".repeat(12 * 1024) });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await Promise.all([publish([numbered(200)]), publish([tooBig]), publish([numbered(201)])]);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors).toHaveBeenCalledWith("[realtime] publish failed", expect.objectContaining({ events: ["lead.created"] }));
    } finally {
      errors.mockRestore();
    }
    const sent = server.events.slice(eventsBefore).map((e) => (JSON.parse(e.data) as { conversationId: string }).conversationId);
    expect(sent.sort()).toEqual(["load-200", "load-201"]);
  });
});

describe("the local Pusher server checks signatures", () => {
  it("refuses a publish signed with another secret with 401 and delivers nothing", async () => {
    const before = server.events.length;
    const forger = new Pusher({ appId: APP.appId, key: APP.key, secret: "wrong", host: "127.0.0.1", port: String(server.port), useTLS: false });
    await expect(forger.trigger(workspaceChannel(member.workspaceId), "settings.updated", { section: "x" })).rejects.toMatchObject({ status: 401 });
    expect(server.events.length).toBe(before);
  });

  it("refuses an event whose data exceeds 10 KB with 413", async () => {
    const big = { conversationId: "x".repeat(12 * 1024) };
    await expect(pusherServer().trigger(workspaceChannel(member.workspaceId), "conversation.updated", big)).rejects.toMatchObject({ status: 413 });
  });

  it("refuses a subscription whose auth is forged", async () => {
    const client = connect((_params, callback) => callback(null, { auth: `${APP.key}:${"0".repeat(64)}` }));
    const result = await subscription(client.subscribe(workspaceChannel(member.workspaceId)));
    expect(result).toMatchObject({ ok: false, error: { type: "AuthError", status: 401 } });
  });

  it("refuses a subscription authorized for another socket", async () => {
    const replayed = (await (await authorize("1234.5678", workspaceChannel(member.workspaceId))).json()) as { auth: string };
    const client = connect((_params, callback) => callback(null, replayed));
    const result = await subscription(client.subscribe(workspaceChannel(member.workspaceId)));
    expect(result).toMatchObject({ ok: false, error: { type: "AuthError", status: 401 } });
  });
});

describe("the local Pusher server speaks protocol 7", () => {
  function rawSocket(key: string) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/app/${key}?protocol=7&client=js&version=8.6.0`);
    const messages: { event: string; data: unknown }[] = [];
    ws.on("message", (raw) => messages.push(JSON.parse(raw.toString())));
    return { ws, messages };
  }

  it("answers an unknown app key with error 4001 and closes", async () => {
    const { ws, messages } = rawSocket("unknown-key");
    const code = await new Promise((resolve) => ws.on("close", resolve));
    expect(code).toBe(4001);
    expect(messages).toMatchObject([{ event: "pusher:error", data: { code: 4001 } }]);
  });

  /** Resolves with the socket id once the connection is established. */
  async function established(ws: WebSocket, messages: { event: string; data: unknown }[]): Promise<string> {
    while (messages.length === 0) await new Promise((resolve) => ws.once("message", resolve));
    return (JSON.parse(messages[0]!.data as string) as { socket_id: string }).socket_id;
  }

  function signinFrame(socketId: string, userData: string, secret = APP.secret) {
    const signature = createHmac("sha256", secret).update(`${socketId}::user::${userData}`).digest("hex");
    return JSON.stringify({ event: "pusher:signin", data: { auth: `${APP.key}:${signature}`, user_data: userData } });
  }

  async function signedInSocket(userId: string) {
    const socket = rawSocket(APP.key);
    const socketId = await established(socket.ws, socket.messages);
    const userData = JSON.stringify({ id: userId });
    socket.ws.send(signinFrame(socketId, userData));
    while (socket.messages.length < 2) await new Promise((resolve) => socket.ws.once("message", resolve));
    expect(socket.messages[1]).toEqual({ event: "pusher:signin_success", data: JSON.stringify({ user_data: userData }) });
    return { ...socket, socketId };
  }

  const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.on("close", (code: number) => resolve(code)));

  it("signs a connection in as the user its signature names (pusher:signin)", async () => {
    const { ws } = await signedInSocket("user-1");
    ws.close();
  });

  it("refuses a signin signed with another secret with error 4009 and closes the connection", async () => {
    const { ws, messages } = rawSocket(APP.key);
    const socketId = await established(ws, messages);
    const code = closed(ws);
    ws.send(signinFrame(socketId, JSON.stringify({ id: "user-1" }), "wrong"));
    expect(await code).toBe(4009);
    expect(messages.slice(1)).toMatchObject([{ event: "pusher:error", data: { code: 4009 } }]);
  });

  it("refuses user data without a string id", async () => {
    const { ws, messages } = rawSocket(APP.key);
    const socketId = await established(ws, messages);
    const code = closed(ws);
    ws.send(signinFrame(socketId, JSON.stringify({ name: "no id" })));
    expect(await code).toBe(4009);
  });

  it("closes every signed-in connection of a terminated user with 4009, and no one else's", async () => {
    const [first, second, other] = await Promise.all([signedInSocket("user-t"), signedInSocket("user-t"), signedInSocket("user-u")]);
    const anonymous = rawSocket(APP.key);
    await established(anonymous.ws, anonymous.messages);
    const codes = Promise.all([closed(first.ws), closed(second.ws)]);
    await pusherServer().terminateUserConnections("user-t");
    expect(await codes).toEqual([4009, 4009]);
    expect(first.messages.at(-1)).toEqual({ event: "pusher:error", data: { code: 4009, message: "You got disconnected by the app." } });
    expect(server.terminations.at(-1)).toEqual({ appId: APP.appId, userId: "user-t", closed: 2 });
    expect([other.ws.readyState, anonymous.ws.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    other.ws.close();
    anonymous.ws.close();
  });

  it("refuses a terminate request signed with another secret with 401 and closes nothing", async () => {
    const { ws } = await signedInSocket("user-v");
    const forger = new Pusher({ appId: APP.appId, key: APP.key, secret: "wrong", host: "127.0.0.1", port: String(server.port), useTLS: false });
    await expect(forger.terminateUserConnections("user-v")).rejects.toMatchObject({ status: 401 });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it("lets only the signed-in user hold their server-to-user channel, and delivers sendToUser there", async () => {
    const socket = await signedInSocket("user-w");
    socket.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "#server-to-user-someone-else" } }));
    socket.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "#server-to-user-user-w" } }));
    while (!socket.messages.some((m) => m.event === "pusher_internal:subscription_succeeded")) await new Promise((resolve) => socket.ws.once("message", resolve));
    expect(socket.messages.slice(2)).toMatchObject([
      { event: "pusher:error" },
      { event: "pusher:subscription_error", channel: "#server-to-user-someone-else" },
      { event: "pusher_internal:subscription_succeeded", channel: "#server-to-user-user-w" },
    ]);
    await pusherServer().sendToUser("user-w", "hello", { n: 1 });
    while (!socket.messages.some((m) => m.event === "hello")) await new Promise((resolve) => socket.ws.once("message", resolve));
    expect(socket.messages.at(-1)).toEqual({ event: "hello", channel: "#server-to-user-user-w", data: JSON.stringify({ n: 1 }) });
    socket.ws.close();
  });

  it("announces the socket id and answers pusher:ping with pusher:pong", async () => {
    const { ws, messages } = rawSocket(APP.key);
    await new Promise((resolve) => ws.on("message", resolve));
    expect(messages[0]!.event).toBe("pusher:connection_established");
    expect(JSON.parse(messages[0]!.data as string)).toEqual({ socket_id: expect.stringMatching(/^\d+\.\d+$/), activity_timeout: 120 });
    ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await new Promise((resolve) => ws.once("message", resolve));
    expect(messages[1]).toEqual({ event: "pusher:pong", data: "{}" });
    ws.close();
  });
});

describe("/api/pusher/auth", () => {
  it("signs the member's workspace channel and their own user channel", async () => {
    for (const channel of [workspaceChannel(member.workspaceId), userChannel(member.userId)]) {
      const res = await authorize("123.456", channel);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ auth: `${APP.key}:${sign(`123.456:${channel}`)}` });
    }
  });

  it("refuses another workspace's channel", async () => {
    const res = await authorize("123.456", workspaceChannel(outsider.workspaceId));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "forbidden:realtime" });
  });

  it("refuses another user's channel, even a colleague's", async () => {
    expect((await authorize("123.456", userChannel(colleague.userId))).status).toBe(403);
    expect((await authorize("123.456", userChannel(outsider.userId))).status).toBe(403);
  });

  it("refuses anonymous visitors and deactivated members", async () => {
    actAs(null);
    expect((await authorize("123.456", workspaceChannel(member.workspaceId))).status).toBe(403);
    actAs(deactivated);
    expect((await authorize("123.456", workspaceChannel(deactivated.workspaceId))).status).toBe(403);
  });

  it("refuses malformed and public channel names", async () => {
    for (const channel of ["", "public", `${workspaceChannel(member.workspaceId)}*`, `presence-workspace-${member.workspaceId}`]) {
      expect((await authorize("123.456", channel)).status, channel).toBe(403);
    }
  });

  it("answers 400 to a malformed socket id", async () => {
    expect((await authorize("not-a-socket", workspaceChannel(member.workspaceId))).status).toBe(400);
  });
});

describe("/api/pusher/user-auth", () => {
  function authenticate(body: Record<string, string>): Promise<Response> {
    const request = new Request("http://127.0.0.1/api/pusher/user-auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body).toString(),
    });
    return userAuthRoute(request, {});
  }

  it("signs the connection as the member's own user id, whatever else the request names", async () => {
    const res = await authenticate({ socket_id: "123.456", id: colleague.userId, user_data: JSON.stringify({ id: colleague.userId }) });
    expect(res.status).toBe(200);
    const userData = JSON.stringify({ id: member.userId });
    expect(await res.json()).toEqual({ auth: `${APP.key}:${sign(`123.456::user::${userData}`)}`, user_data: userData });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses anonymous visitors and deactivated members with 401", async () => {
    actAs(null);
    const anonymous = await authenticate({ socket_id: "123.456" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "unauthorized:realtime" });
    actAs(deactivated);
    expect((await authenticate({ socket_id: "123.456" })).status).toBe(401);
  });

  it("answers 400 to a malformed socket id", async () => {
    expect((await authenticate({ socket_id: "not-a-socket" })).status).toBe(400);
    expect((await authenticate({})).status).toBe(400);
  });
});
