import http from "node:http";
import type { AddressInfo } from "node:net";
import whatsappWebhook from "@/pages/api/whatsapp/webhook";

let origin: Promise<string> | null = null;

/** The webhook's Pages API handler on a loopback Node.js server, as Next.js hands it requests. */
function serverOrigin(): Promise<string> {
  origin ??= new Promise((resolve) => {
    const server = http.createServer((request, response) => void whatsappWebhook(request, response));
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.unref();
  });
  return origin;
}

/**
 * Sends a test's Request to the real webhook handler over HTTP and returns
 * its answer. `chunked` streams the body without a Content-Length.
 */
export async function callWebhook(request: Request, { chunked = false } = {}): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === "GET" ? undefined : chunked ? request.body : await request.arrayBuffer();
  const init = { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit;
  return fetch(`${await serverOrigin()}${url.pathname}${url.search}`, init);
}
