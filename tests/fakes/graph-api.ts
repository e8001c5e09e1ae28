import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTemplatesFake, type TemplatesFake } from "./graph-templates";
import { handleMediaUpload, mediaSendError, type MediaUploadFakeState } from "./graph-media";
import { interactiveSendError } from "./graph-interactive";
import { readRequestBody } from "./request-body";

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

export type MediaFake = { bytes: Uint8Array; mimeType: string };

/** An error body as Meta sends it: `{ error: { message, type, code, error_subcode?, error_data?: { details }, fbtrace_id } }`. */
export type MetaErrorFake = { status: number; code: number; message: string; type?: string; subcode?: number; details?: string };

/** Errors Meta really answers POST /{phone-number-id}/messages with. */
export const META_ERRORS = {
  reengagement: {
    status: 400,
    code: 131047,
    type: "OAuthException",
    message: "(#131047) Re-engagement message",
    details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
  invalidToken: {
    status: 401,
    code: 190,
    type: "OAuthException",
    message: "Invalid OAuth access token - Cannot parse access token",
  },
} satisfies Record<string, MetaErrorFake>;

export type GraphFake = {
  /** Base URL including the API version, for WHATSAPP_GRAPH_URL. */
  url: string;
  requests: GraphFakeRequest[];
  setPhoneNumber(id: string, info: PhoneNumberFake): void;
  setToken(validToken: string): void;
  /** Serves GET /{media-id} (metadata with a download URL) and GET /media-download/{media-id} (the bytes). */
  setMedia(id: string, media: MediaFake): void;
  /** The wa_id WhatsApp answers a send to `to` with (a Brazilian mobile may be known without its 9th digit); by default `to`'s digits. */
  setWhatsAppId(to: string, waId: string): void;
  /** Makes every POST /{phone-number-id}/messages answer this error until called again with null. */
  failMessages(error: MetaErrorFake | null): void;
  /** Runs before POST /{phone-number-id}/messages answers (e.g. to let a status webhook land first); null removes it. */
  beforeMessageReply(hook: ((body: unknown) => Promise<void> | void) | null): void;
  /** Message templates: the listing edge and Meta's checks on template sends (graph-templates.ts). */
  templates: TemplatesFake;
  /** Makes every POST /{phone-number-id}/media answer this error until called again with null (tests/fakes/graph-media.ts). */
  failUploads(error: MetaErrorFake | null): void;
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

function metaError(res: ServerResponse, error: MetaErrorFake) {
  send(res, error.status, {
    error: {
      message: error.message,
      type: error.type ?? "OAuthException",
      code: error.code,
      ...(error.subcode === undefined ? {} : { error_subcode: error.subcode }),
      ...(error.details === undefined ? {} : { error_data: { messaging_product: "whatsapp", details: error.details } }),
      fbtrace_id: fbtraceId(),
    },
  });
}

export async function startGraphFake(options: { port?: number } = {}): Promise<GraphFake> {
  const requests: GraphFakeRequest[] = [];
  const phoneNumbers = new Map<string, PhoneNumberFake>();
  const media = new Map<string, MediaFake>();
  const whatsAppIds = new Map<string, string>();
  let messagesFailure: MetaErrorFake | null = null;
  let messageHook: ((body: unknown) => Promise<void> | void) | null = null;
  let validToken = GRAPH_FAKE_DEFAULT_TOKEN;
  let origin = "";
  const templates = createTemplatesFake();
  const uploads: MediaUploadFakeState = { failure: null };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorized = req.headers.authorization === `Bearer ${validToken}`;
    const reply = { invalidToken, unknownObject, metaError, send };
    if (await handleMediaUpload(req, res, url, { authorized, phoneNumberKnown: (id) => phoneNumbers.has(id), media, requests, state: uploads, reply })) return;
    const body = await readRequestBody(req);
    // End-to-end tests run the fake in another process and read what it received from here.
    if (url.pathname === "/__fake/requests") return send(res, 200, requests);
    requests.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${validToken}`) return invalidToken(res);
    // Paths look like /v23.0/{phone-number-id}[/messages]; the version segment is optional.
    const [id, edge] = url.pathname.split("/").filter((s) => s && !/^v\d+\.\d+$/.test(s));

    // Meta's real download host is lookaside.fbsbx.com; it too wants the bearer token.
    if (req.method === "GET" && id === "media-download" && edge) {
      const file = media.get(edge);
      if (!file) return send(res, 404, { error: { message: "Not found", code: 404 } });
      res.writeHead(200, { "content-type": file.mimeType, "content-length": String(file.bytes.byteLength) });
      return res.end(file.bytes);
    }
    const file = id && !edge && req.method === "GET" ? media.get(id) : undefined;
    if (id && file) {
      return send(res, 200, {
        url: `${origin}/media-download/${id}`,
        mime_type: file.mimeType,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        file_size: file.bytes.byteLength,
        id,
        messaging_product: "whatsapp",
      });
    }
    const listed = templates.answerList(req.method ?? "GET", id, edge, url, origin);
    if (listed) return "error" in listed ? metaError(res, listed.error) : send(res, 200, listed.body);
    const info = id ? phoneNumbers.get(id) : undefined;
    if (!id || !info) return unknownObject(res, req.method ?? "GET", id ?? "");

    if (req.method === "GET" && !edge) {
      const full: Record<string, string> = { ...info, id } as Record<string, string>;
      const fields = url.searchParams.get("fields")?.split(",").map((f) => f.trim());
      return send(res, 200, fields ? Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]])) : full);
    }
    if (req.method === "POST" && edge === "messages") {
      if (messageHook) await messageHook(body);
      if (messagesFailure) return metaError(res, messagesFailure);
      const refusal = templates.refuseSend(body);
      if (refusal) return metaError(res, refusal);
      const mediaRefusal = mediaSendError(body, media) ?? interactiveSendError(body);
      if (mediaRefusal) return metaError(res, mediaRefusal);
      const to = String((body as { to?: unknown } | undefined)?.to ?? "");
      return send(res, 200, {
        messaging_product: "whatsapp",
        contacts: [{ input: to, wa_id: whatsAppIds.get(to) ?? to.replace(/\D/g, "") }],
        messages: [{ id: `wamid.${randomBytes(24).toString("base64url")}` }],
      });
    }
    return unknownObject(res, req.method ?? "GET", id);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/v23.0`,
    requests,
    setPhoneNumber: (id, info) => void phoneNumbers.set(id, info),
    setWhatsAppId: (to, waId) => void whatsAppIds.set(to, waId),
    setToken: (token) => void (validToken = token),
    setMedia: (id, file) => void media.set(id, file),
    failMessages: (error) => void (messagesFailure = error),
    beforeMessageReply: (hook) => void (messageHook = hook),
    templates,
    failUploads: (error) => void (uploads.failure = error),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
