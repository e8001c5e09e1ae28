import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A business's webhook endpoint on loopback, for forwarding tests: records
 * every request as received (raw query string and raw body, for signature
 * checks) and answers as programmed: fail N times, hang, 429 with
 * Retry-After, redirect, an oversized body...
 */

export type ReceivedRequest = {
  method: string;
  path: string;
  /** Everything after "?", exactly as received. */
  rawQuery: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
};

export type Reply = {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Send this many bytes of body instead of `body`, in chunks. */
  bodyBytes?: number;
  /** Never answer (the connection stays open until the client gives up). */
  hang?: boolean;
};

export type ForwardingReceiver = {
  /** The endpoint URL to configure (path /hook). */
  url: string;
  origin: string;
  requests: ReceivedRequest[];
  /** The answers to the next requests, in order; then the fallback. */
  queue(...replies: Reply[]): void;
  /** The answer once the queue is empty; 200 "ok" unless set. */
  setFallback(reply: Reply): void;
  reset(): void;
  close(): Promise<void>;
};

const DEFAULT_REPLY: Reply = { status: 200, body: "ok" };

function answer(res: ServerResponse, reply: Reply) {
  if (reply.hang) return;
  res.writeHead(reply.status ?? 200, { "content-type": "text/plain; charset=utf-8", ...reply.headers });
  if (reply.bodyBytes) {
    const chunk = Buffer.alloc(16 * 1024, "x");
    let left = reply.bodyBytes;
    const pump = () => {
      while (left > 0) {
        const size = Math.min(left, chunk.byteLength);
        left -= size;
        if (!res.write(chunk.subarray(0, size))) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => {});
    return pump();
  }
  res.end(reply.body ?? "");
}

export async function startForwardingReceiver(options: { port?: number } = {}): Promise<ForwardingReceiver> {
  const requests: ReceivedRequest[] = [];
  let queued: Reply[] = [];
  let fallback: Reply = DEFAULT_REPLY;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = req.url ?? "/";
    const url = new URL(raw, "http://127.0.0.1");
    // End-to-end tests run the receiver in another process and read or clear what it received here.
    if (url.pathname === "/__fake/requests") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(requests));
    }
    if (url.pathname === "/__fake/reset") {
      requests.length = 0;
      queued = [];
      return res.end("reset");
    }
    const question = raw.indexOf("?");
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      rawQuery: question === -1 ? "" : raw.slice(question + 1),
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    answer(res, queued.shift() ?? fallback);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/hook`,
    origin,
    requests,
    queue: (...replies) => void queued.push(...replies),
    setFallback: (reply) => void (fallback = reply),
    reset: () => {
      requests.length = 0;
      queued = [];
      fallback = DEFAULT_REPLY;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
