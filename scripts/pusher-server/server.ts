import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

/**
 * A small Pusher Channels server for development and tests: the real `pusher`
 * (HTTP API) and `pusher-js` (WebSocket, protocol 7) libraries talk to it, and
 * it checks their signatures the way Pusher does, so a signing mistake fails
 * here instead of in production. User authentication (`pusher:signin`), events
 * to a signed-in user and terminating a user's connections work as on Pusher.
 * Not implemented: presence and encrypted channels, client events, webhooks,
 * channel queries, watchlists.
 */

export type PusherApp = { appId: string; key: string; secret: string };
export type ReceivedEvent = { appId: string; name: string; channels: string[]; data: string; socketId?: string };
export type PusherServerOptions = { port: number; host?: string; apps: PusherApp[] };
/**
 * `events` logs the accepted HTTP API events (the latest 1000), oldest first;
 * `publishRequests` counts the HTTP API requests that carried them.
 */
export type PusherServer = {
  port: number;
  url: string;
  events: ReceivedEvent[];
  readonly publishRequests: number;
  /** The accepted terminate-connections requests (the latest 1000), oldest first, with how many sockets each closed. */
  terminations: { appId: string; userId: string; closed: number }[];
  close(): Promise<void>;
};

const MAX_EVENT_DATA_BYTES = 10 * 1024; // Pusher's cap per event.
const MAX_BODY_BYTES = 1024 * 1024;
const TIMESTAMP_GRACE_SECONDS = 600;
const ACTIVITY_TIMEOUT_SECONDS = 120;
const LOGGED_EVENTS = 1000; // A dev server runs for days; the log is for tests and debugging.
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
/** Where `pusher.sendToUser()` publishes; only the socket signed in as that user may hold it. */
const USER_CHANNEL_PREFIX = "#server-to-user-";
/** Pusher's close code for a connection it will not keep: pusher-js does not reconnect on its own (4000-4099). */
const UNAUTHORIZED = 4009;

type Connection = { app: PusherApp; socketId: string; channels: Set<string>; userId?: string };

const validChannel = (channel: string) => CHANNEL_NAME.test(channel) || (channel.startsWith(USER_CHANNEL_PREFIX) && CHANNEL_NAME.test(channel.slice(USER_CHANNEL_PREFIX.length)));

const sign = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startPusherServer(options: PusherServerOptions): Promise<PusherServer> {
  const host = options.host ?? "127.0.0.1";
  const events: ReceivedEvent[] = [];
  const terminations: PusherServer["terminations"] = [];
  let publishRequests = 0;
  const connections = new Map<WebSocket, Connection>();
  const wss = new WebSocketServer({ noServer: true });

  const send = (ws: WebSocket, message: { event: string; channel?: string; data: unknown }) => ws.send(JSON.stringify(message));

  function deliver(app: PusherApp, event: ReceivedEvent) {
    for (const [ws, connection] of connections) {
      if (connection.app !== app || connection.socketId === event.socketId) continue;
      for (const channel of event.channels) {
        if (connection.channels.has(channel)) send(ws, { event: event.name, channel, data: event.data });
      }
    }
  }

  // --- WebSocket side (what pusher-js talks to) ---------------------------

  function subscribe(ws: WebSocket, connection: Connection, data: { channel?: unknown; auth?: unknown; channel_data?: unknown }) {
    const channel = typeof data.channel === "string" ? data.channel : "";
    const refuse = (message: string, status: number) => {
      // Pusher answers a bad subscription with pusher:error; the channel-scoped error lets pusher-js tell the channel.
      send(ws, { event: "pusher:error", data: { code: null, message } });
      send(ws, { event: "pusher:subscription_error", channel, data: JSON.stringify({ type: "AuthError", error: message, status }) });
    };
    if (channel.startsWith(USER_CHANNEL_PREFIX)) {
      // Subscribed by pusher-js itself after pusher:signin_success, with no auth: the signin is the authorization.
      if (!connection.userId || channel !== `${USER_CHANNEL_PREFIX}${connection.userId}`) return refuse(`Not signed in as the user of '${channel}'`, 403);
      connection.channels.add(channel);
      return send(ws, { event: "pusher_internal:subscription_succeeded", channel, data: "{}" });
    }
    if (!CHANNEL_NAME.test(channel)) return refuse(`Invalid channel name '${channel}'`, 400);
    if (channel.startsWith("presence-") || channel.startsWith("private-encrypted-")) {
      return refuse(`The local Pusher server does not support '${channel.split("-")[0]}' channels`, 400);
    }
    if (channel.startsWith("private-")) {
      const signed = [connection.socketId, channel, ...(typeof data.channel_data === "string" ? [data.channel_data] : [])].join(":");
      const expected = `${connection.app.key}:${sign(connection.app.secret, signed)}`;
      const auth = typeof data.auth === "string" ? data.auth : "";
      if (!sameText(auth, expected)) {
        return refuse(`Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got ${auth.split(":")[1] ?? auth}`, 401);
      }
    }
    connection.channels.add(channel);
    send(ws, { event: "pusher_internal:subscription_succeeded", channel, data: "{}" });
  }

  /** Closes a socket the way Pusher does when it will not keep it: pusher:error, then the close frame with the same code. */
  function shut(ws: WebSocket, code: number, message: string) {
    send(ws, { event: "pusher:error", data: { code, message } });
    ws.close(code, "Connection is unauthorized"); // A close reason holds at most 123 bytes; the message said the rest.
  }

  /**
   * User authentication: `auth` is `<key>:<HMAC-SHA256 hex of "<socket_id>::user::<user_data>">`
   * (node_modules/pusher/lib/auth.js getSocketSignatureForUser), and user_data a JSON object with
   * a non-empty string id. A refused signin closes the connection with 4009, as Pusher-protocol servers do.
   */
  function signin(ws: WebSocket, connection: Connection, data: { auth?: unknown; user_data?: unknown }) {
    const userData = typeof data.user_data === "string" ? data.user_data : "";
    const signed = `${connection.socketId}::user::${userData}`;
    const auth = typeof data.auth === "string" ? data.auth : "";
    if (!sameText(auth, `${connection.app.key}:${sign(connection.app.secret, signed)}`)) {
      return shut(ws, UNAUTHORIZED, `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got ${auth.split(":")[1] ?? auth}`);
    }
    let id: unknown;
    try {
      id = (JSON.parse(userData) as { id?: unknown } | null)?.id;
    } catch {
      id = undefined;
    }
    if (typeof id !== "string" || id === "") return shut(ws, UNAUTHORIZED, "The user data must be a JSON object with a non-empty string id");
    connection.userId = id;
    send(ws, { event: "pusher:signin_success", data: JSON.stringify({ user_data: userData }) });
  }

  function onMessage(ws: WebSocket, connection: Connection, raw: RawData) {
    let message: { event?: unknown; data?: unknown };
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return send(ws, { event: "pusher:error", data: { code: null, message: "Invalid JSON" } });
    }
    // pusher-js sends `data` as an object; other clients send it JSON-encoded.
    let data = message.data;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch {
        data = {};
      }
    }
    const fields = (data ?? {}) as Record<string, unknown>;
    if (message.event === "pusher:ping") send(ws, { event: "pusher:pong", data: "{}" });
    else if (message.event === "pusher:subscribe") subscribe(ws, connection, fields);
    else if (message.event === "pusher:signin") signin(ws, connection, fields);
    else if (message.event === "pusher:unsubscribe") connection.channels.delete(String(fields.channel));
    else if (typeof message.event === "string" && message.event.startsWith("client-")) {
      send(ws, { event: "pusher:error", data: { code: null, message: "Client events are not enabled for this app" } });
    }
  }

  wss.on("connection", (ws: WebSocket, request: IncomingMessage) => {
    const key = new URL(request.url ?? "/", "http://local").pathname.slice("/app/".length);
    const app = options.apps.find((a) => a.key === key);
    if (!app) {
      send(ws, { event: "pusher:error", data: { code: 4001, message: `App key ${key} not in this cluster. Did you forget to specify the cluster?` } });
      return ws.close(4001, "Application does not exist");
    }
    const connection: Connection = { app, socketId: `${randomInt(1e9)}.${randomInt(1e9)}`, channels: new Set() };
    connections.set(ws, connection);
    ws.on("message", (raw) => onMessage(ws, connection, raw));
    ws.on("close", () => connections.delete(ws));
    send(ws, {
      event: "pusher:connection_established",
      data: JSON.stringify({ socket_id: connection.socketId, activity_timeout: ACTIVITY_TIMEOUT_SECONDS }),
    });
  });

  // --- HTTP API side (what the `pusher` server library talks to) -----------

  function answer(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { "content-type": status === 200 ? "application/json" : "text/plain" });
    res.end(body);
  }

  /** Pusher's request signature: see node_modules/pusher/lib/requests.js (createSignedQueryString). */
  function signatureProblem(app: PusherApp, path: string, query: URLSearchParams, body: string): string | null {
    const params = Object.fromEntries(query);
    if (params.auth_key !== app.key) return "Unknown auth_key";
    if (params.auth_version !== "1.0") return "auth_version must be 1.0";
    if (Math.abs(Date.now() / 1000 - Number(params.auth_timestamp)) > TIMESTAMP_GRACE_SECONDS) {
      return "Timestamp expired: given timestamp is not within 600 seconds of server time";
    }
    if (body && params.body_md5 !== createHash("md5").update(body, "utf8").digest("hex")) return "body_md5 does not match the body";
    const signed = Object.keys(params)
      .filter((k) => k !== "auth_signature")
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join("&");
    const expected = sign(app.secret, `POST\n${path}\n${signed}`);
    return sameText(params.auth_signature ?? "", expected) ? null : `Invalid signature: you should have sent HmacSHA256Hex("POST\\n${path}\\n${signed}", your_secret)`;
  }

  type EventInput = { name?: unknown; data?: unknown; channel?: unknown; channels?: unknown; socket_id?: unknown };
  type Refusal = { status: number; message: string };

  function toEvent(app: PusherApp, input: EventInput): ReceivedEvent | Refusal {
    const channels = Array.isArray(input.channels) ? input.channels : [input.channel];
    if (typeof input.name !== "string" || typeof input.data !== "string") return { status: 400, message: "Event needs a string name and data" };
    if (channels.length === 0 || channels.length > 100 || !channels.every((c) => typeof c === "string" && validChannel(c))) {
      return { status: 400, message: "Invalid channels" };
    }
    if (Buffer.byteLength(input.data) > MAX_EVENT_DATA_BYTES) return { status: 413, message: "Event data exceeds the 10KB limit" };
    const socketId = typeof input.socket_id === "string" ? input.socket_id : undefined;
    return { appId: app.appId, name: input.name, channels: channels as string[], data: input.data, socketId };
  }

  /**
   * `POST /apps/<app_id>/users/<user_id>/terminate_connections` (pusher.terminateUserConnections):
   * closes every socket signed in as that user. Sockets that never signed in are left alone, as on Pusher.
   */
  function terminate(app: PusherApp, userId: string): number {
    let closed = 0;
    for (const [ws, connection] of connections) {
      if (connection.app !== app || connection.userId !== userId) continue;
      shut(ws, UNAUTHORIZED, "You got disconnected by the app.");
      closed++;
    }
    terminations.push({ appId: app.appId, userId, closed });
    if (terminations.length > LOGGED_EVENTS) terminations.splice(0, terminations.length - LOGGED_EVENTS);
    return closed;
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://local");
    const match = /^\/apps\/([^/]+)\/(events|batch_events|users\/([^/]+)\/terminate_connections)$/.exec(url.pathname);
    if (req.method !== "POST" || !match) return answer(res, 404, "Not found");
    const app = options.apps.find((a) => a.appId === match[1]);
    if (!app) return answer(res, 404, "Unknown app");

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return answer(res, 413, "Request body too large");
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const problem = signatureProblem(app, url.pathname, url.searchParams, body);
    if (problem) return answer(res, 401, problem);
    if (match[3] !== undefined) {
      terminate(app, decodeURIComponent(match[3]));
      return answer(res, 200, "{}");
    }

    let parsed: { batch?: unknown } & EventInput;
    try {
      parsed = JSON.parse(body);
    } catch {
      return answer(res, 400, "Body is not JSON");
    }
    const inputs = match[2] === "events" ? [parsed] : Array.isArray(parsed.batch) ? (parsed.batch as EventInput[]) : null;
    if (!inputs || inputs.length > 10) return answer(res, 400, "batch must be an array of at most 10 events");
    const accepted = inputs.map((input) => toEvent(app, input));
    // All or nothing, as Pusher does: one bad event refuses the whole request.
    const refusal = accepted.find((e): e is Refusal => "status" in e);
    if (refusal) return answer(res, refusal.status, refusal.message);
    publishRequests++;
    for (const event of accepted as ReceivedEvent[]) {
      events.push(event);
      if (events.length > LOGGED_EVENTS) events.splice(0, events.length - LOGGED_EVENTS);
      deliver(app, event);
    }
    answer(res, 200, "{}");
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error("[pusher-server]", error);
      if (!res.headersSent) answer(res, 500, "Internal error");
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (!new URL(request.url ?? "/", "http://local").pathname.startsWith("/app/")) return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host}:${port}`,
    events,
    terminations,
    get publishRequests() {
      return publishRequests;
    },
    close: async () => {
      for (const ws of connections.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
