import http from "node:http";
import type { AddressInfo } from "node:net";
import { apiResolver } from "next/dist/server/api-utils/node/api-resolver";
import * as webhookRoute from "@/pages/api/whatsapp/webhook";

/** A Pages API route module as Next.js loads it: the handler and the `config` Next.js reads before calling it. */
export type PagesApiModule = { default: (request: http.IncomingMessage, response: http.ServerResponse) => unknown; config?: { api?: { bodyParser?: boolean | object } } };

const origins = new Map<PagesApiModule, Promise<string>>();

/**
 * A loopback Node.js server that hands each request to Next.js's own Pages
 * API resolver with the route's module, as `next start` does
 * (next/dist/server/route-modules/pages-api/module.js). The resolver is what
 * honours `config.api.bodyParser`: calling the handler directly would let a
 * route that forgot to turn the parser off pass every test.
 */
function serverOrigin(routeModule: PagesApiModule): Promise<string> {
  let origin = origins.get(routeModule);
  if (!origin) {
    origin = new Promise((resolve) => {
      const server = http.createServer((request, response) => {
        const query = Object.fromEntries(new URL(request.url ?? "/", "http://localhost").searchParams);
        // Only preview (draft) mode reads these keys, and the webhook has none.
        const apiContext = { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "", dev: false };
        void apiResolver(request, response, query, routeModule, apiContext, false, false, "/api/whatsapp/webhook");
      });
      server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      server.unref();
    });
    origins.set(routeModule, origin);
  }
  return origin;
}

/**
 * Sends a test's Request to the real webhook route over HTTP and returns its
 * answer. `chunked` streams the body without a Content-Length; `routeModule`
 * replaces the route's module (a test proving the harness reads its config).
 */
export async function callWebhook(request: Request, { chunked = false, routeModule = webhookRoute as PagesApiModule } = {}): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === "GET" ? undefined : chunked ? request.body : await request.arrayBuffer();
  const init = { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit;
  return fetch(`${await serverOrigin(routeModule)}${url.pathname}${url.search}`, init);
}
