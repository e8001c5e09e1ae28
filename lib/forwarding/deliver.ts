import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { flattenEvent, type ForwardEvent } from "./payload";
import { bareHostname, guardedLookup, isPublicAddress, parseTargetUrl, privateTargetsAllowed, RefusedTarget, type Resolve } from "./safe-target";
import { webhookHeaders } from "./signature";

/** Longest wait for a receiver, connection and answer together. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this much of an answer is read; the rest is dropped unread. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = "ZapVendas-Webhooks/1.0";

/** The request never completed: no answer to judge, so the delivery is retried. */
export class DeliveryError extends Error {
  constructor(
    readonly kind: "timeout" | "network",
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export type ForwardAnswer = {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first MAX_RESPONSE_BYTES of the answer's body. */
  body: Buffer;
  truncated: boolean;
};

export type SendOptions = {
  url: string;
  method: "GET" | "POST";
  event: ForwardEvent;
  /** The `webhook-id`: the delivery's id, the same on every attempt. */
  id: string;
  secret: string;
  now: Date;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Defaults to ALLOW_PRIVATE_WEBHOOK_TARGETS. */
  allowPrivate?: boolean;
  resolve?: Resolve;
};

/**
 * Sends one event: POST with a JSON body, or GET with the same data as flat
 * query parameters appended to the URL. Answers whatever HTTP status the
 * receiver gave (redirects are not followed); throws `RefusedTarget` for a
 * URL it must not reach and `DeliveryError` when no answer came.
 */
export async function sendEvent(options: SendOptions): Promise<ForwardAnswer> {
  const allowPrivate = options.allowPrivate ?? privateTargetsAllowed();
  const url = parseTargetUrl(options.url);
  // A literal IP never goes through `lookup`, so it is checked here; host names are checked as they resolve.
  const host = bareHostname(url);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw new RefusedTarget("private_address", host);
  url.hash = "";
  let content: string;
  let body: string | null = null;
  if (options.method === "GET") {
    // Appended to the configured query as typed: re-encoding it could change a token the receiver compares verbatim.
    const data = new URLSearchParams(flattenEvent(options.event)).toString();
    const existing = url.search.slice(1);
    url.search = existing ? `${existing}&${data}` : data;
    content = url.search.slice(1);
  } else {
    body = JSON.stringify(options.event);
    content = body;
  }
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: "*/*",
    ...webhookHeaders({ id: options.id, timestamp: Math.floor(options.now.getTime() / 1000), content, secret: options.secret }),
  };
  if (body !== null) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  return exchange(url, options.method, headers, body, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    allowPrivate,
    resolve: options.resolve,
  });
}

function exchange(
  url: URL,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body: string | null,
  limits: { timeoutMs: number; maxResponseBytes: number; allowPrivate: boolean; resolve?: Resolve },
): Promise<ForwardAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, {
      method,
      headers,
      lookup: guardedLookup({ allowPrivate: limits.allowPrivate, resolve: limits.resolve }),
      // A fresh connection per request: a pooled socket would skip the address check of `lookup`.
      agent: false,
    });
    const timer = setTimeout(() => {
      finish(() => reject(new DeliveryError("timeout", `no answer within ${limits.timeoutMs} ms`)));
      request.destroy();
    }, limits.timeoutMs);

    request.on("response", (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) =>
        finish(() => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).subarray(0, limits.maxResponseBytes), truncated }));
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size > limits.maxResponseBytes) {
          // Enough read: the rest of a large (or endless) answer is dropped with the connection.
          done(true);
          request.destroy();
        }
      });
      response.on("end", () => done(false));
      response.on("error", (error) => finish(() => reject(networkError(error))));
    });
    request.on("error", (error) => finish(() => reject(networkError(error))));
    request.end(body ?? undefined);
  });
}

function networkError(error: unknown): Error {
  // A refused address from the guarded lookup keeps its own type: the job gives up on it.
  if (error instanceof RefusedTarget) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError("network", message);
}
