import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the WhatsApp Cloud API (graph.facebook.com) on loopback,
 * answering with Meta's shapes so the real client code runs against it.
 */

export type GraphFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
};

export type PhoneNumberFake = { verified_name?: string; display_phone_number?: string; quality_rating?: string };

export type GraphFake = {
  /** Base URL including the API version, for WHATSAPP_GRAPH_URL. */
  url: string;
  requests: GraphFakeRequest[];
  setPhoneNumber(id: string, info: PhoneNumberFake): void;
  setToken(validToken: string): void;
  close(): Promise<void>;
};

export const GRAPH_FAKE_DEFAULT_TOKEN = "test-access-token";

const fbtraceId = () => randomBytes(9).toString("base64url");

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function invalidToken(res: ServerResponse) {
  res.setHeader("www-authenticate", 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"');
  send(res, 401, {
    error: {
      message: "Invalid OAuth access token - Cannot parse access token",
      type: "OAuthException",
      code: 190,
      fbtrace_id: fbtraceId(),
    },
  });
}

function unknownObject(res: ServerResponse, method: string, id: string) {
  send(res, 400, {
    error: {
      message:
        `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
        "or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
      fbtrace_id: fbtraceId(),
    },
  });
}

export async function startGraphFake(): Promise<GraphFake> {
  const requests: GraphFakeRequest[] = [];
  const phoneNumbers = new Map<string, PhoneNumberFake>();
  let validToken = GRAPH_FAKE_DEFAULT_TOKEN;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw || undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Kept as text: a test may want to see what was sent.
    }
    requests.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${validToken}`) return invalidToken(res);
    // Paths look like /v23.0/{phone-number-id}[/messages]; the version segment is optional.
    const [id, edge] = url.pathname.split("/").filter((s) => s && !/^v\d+\.\d+$/.test(s));
    const info = id ? phoneNumbers.get(id) : undefined;
    if (!id || !info) return unknownObject(res, req.method ?? "GET", id ?? "");

    if (req.method === "GET" && !edge) {
      const full: Record<string, string> = { ...info, id } as Record<string, string>;
      const fields = url.searchParams.get("fields")?.split(",").map((f) => f.trim());
      return send(res, 200, fields ? Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]])) : full);
    }
    if (req.method === "POST" && edge === "messages") {
      const to = String((body as { to?: unknown } | undefined)?.to ?? "");
      return send(res, 200, {
        messaging_product: "whatsapp",
        contacts: [{ input: to, wa_id: to.replace(/\D/g, "") }],
        messages: [{ id: `wamid.${randomBytes(24).toString("base64url")}` }],
      });
    }
    return unknownObject(res, req.method ?? "GET", id);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v23.0`,
    requests,
    setPhoneNumber: (id, info) => void phoneNumbers.set(id, info),
    setToken: (token) => void (validToken = token),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
