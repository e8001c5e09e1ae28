import { randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphFakeRequest, MediaFake, MetaErrorFake } from "./graph-api";

/**
 * The Graph API fake's media upload, POST /{phone-number-id}/media, as Meta
 * answers it: multipart/form-data with messaging_product, type and file,
 * parsed for real; Meta's refusals of a missing field, a type it does not
 * take and a file over its type's limit; the bytes kept so GET /{media-id}
 * serves them back, as Meta does for 30 days. Also the check on media
 * message sends: an id that was never uploaded is refused.
 */

/** The types Meta's upload endpoint lists in its own error (code 100) when it refuses a file's type. */
const META_UPLOAD_TYPES = [
  "audio/aac", "audio/mp4", "audio/mpeg", "audio/amr", "audio/ogg", "audio/opus",
  "application/vnd.ms-powerpoint", "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/pdf", "text/plain", "application/vnd.ms-excel",
  "image/jpeg", "image/png", "image/webp", "video/mp4", "video/3gpp",
];

const MB = 1024 * 1024;
/** Meta's size limit per type (developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types). */
function maxBytesOf(type: string): number {
  if (type.startsWith("image/webp")) return 500 * 1024;
  if (type.startsWith("image/")) return 5 * MB;
  if (type.startsWith("video/") || type.startsWith("audio/")) return 16 * MB;
  return 100 * MB;
}

export type MediaUploadFakeState = {
  /** Every upload answers this error until set back to null (e.g. Meta down, a revoked permission). */
  failure: MetaErrorFake | null;
};

type Part = { name: string; filename?: string; contentType?: string; data: Buffer };

/** A multipart/form-data body split into its parts (RFC 7578), or null when it is not one. */
export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  if (!contentType?.toLowerCase().startsWith("multipart/form-data") || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  while (true) {
    at += delimiter.byteLength;
    if (body.subarray(at, at + 2).toString() === "--") return parts;
    const headersEnd = body.indexOf("\r\n\r\n", at);
    if (headersEnd < 0) return null;
    const headers = body.subarray(at + 2, headersEnd).toString("utf8");
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headersEnd + 4);
    if (next < 0) return null;
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) return null;
    parts.push({
      name,
      filename: /\bfilename="((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1]?.replace(/\\(.)/g, "$1"),
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      data: body.subarray(headersEnd + 4, next),
    });
    at = next + 2;
  }
}

const param = (message: string): MetaErrorFake => ({ status: 400, code: 100, type: "OAuthException", message });

export type UploadContext = {
  authorized: boolean;
  phoneNumberKnown: (id: string) => boolean;
  media: Map<string, MediaFake>;
  requests: GraphFakeRequest[];
  state: MediaUploadFakeState;
  reply: {
    invalidToken: (res: ServerResponse) => void;
    unknownObject: (res: ServerResponse, method: string, id: string) => void;
    metaError: (res: ServerResponse, error: MetaErrorFake) => void;
    send: (res: ServerResponse, status: number, body: unknown) => void;
  };
};

/** Answers POST /{phone-number-id}/media and returns true; any other request returns false, untouched. */
export async function handleMediaUpload(req: IncomingMessage, res: ServerResponse, url: URL, ctx: UploadContext): Promise<boolean> {
  const [id, edge, ...rest] = url.pathname.split("/").filter((s) => s && !/^v\d+\.\d+$/.test(s));
  if (req.method !== "POST" || edge !== "media" || rest.length > 0 || !id) return false;

  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    // The sender gave up mid-body (the app stopped a file larger than it announced): nobody to answer.
    return true;
  }
  const body = Buffer.concat(chunks);
  const parts = parseMultipart(body, req.headers["content-type"]);
  const field = (name: string) => parts?.find((p) => p.name === name);
  const file = field("file");
  ctx.requests.push({
    method: "POST",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body: {
      messaging_product: field("messaging_product")?.data.toString(),
      type: field("type")?.data.toString(),
      file: file ? { filename: file.filename, contentType: file.contentType, size: file.data.byteLength } : undefined,
    },
  });

  if (!ctx.authorized) return (ctx.reply.invalidToken(res), true);
  if (!ctx.phoneNumberKnown(id)) return (ctx.reply.unknownObject(res, "POST", id), true);
  if (ctx.state.failure) return (ctx.reply.metaError(res, ctx.state.failure), true);
  if (field("messaging_product")?.data.toString() !== "whatsapp") return (ctx.reply.metaError(res, param("(#100) The parameter messaging_product is required.")), true);
  if (!file || file.filename === undefined) return (ctx.reply.metaError(res, param("(#100) The parameter file is required.")), true);
  const type = (file.contentType ?? "application/octet-stream").split(";")[0]!.trim().toLowerCase();
  if (!META_UPLOAD_TYPES.includes(type)) {
    const message = `(#100) Param file must be a file with one of the following types: ${META_UPLOAD_TYPES.join(", ")}. Received file of type '${type}'.`;
    return (ctx.reply.metaError(res, param(message)), true);
  }
  const maxBytes = maxBytesOf(type);
  if (file.data.byteLength > maxBytes) {
    ctx.reply.metaError(res, {
      status: 400,
      code: 131053,
      type: "OAuthException",
      message: "(#131053) Media upload error",
      details: `File size ${file.data.byteLength} bytes is larger than the ${maxBytes / MB} MB Meta allows for ${type}.`,
    });
    return true;
  }
  // Meta's media ids are 15–16 digit numbers.
  const mediaId = String(randomInt(100_000_000, 999_999_999)) + String(randomInt(1_000_000, 9_999_999));
  ctx.media.set(mediaId, { bytes: file.data, mimeType: type });
  ctx.reply.send(res, 200, { id: mediaId });
  return true;
}

/** POST /{phone-number-id}/messages with image/video/audio/document by id: an id never uploaded is refused, as Meta does. */
export function mediaSendError(body: unknown, media: Map<string, MediaFake>): MetaErrorFake | null {
  const message = (body ?? {}) as Record<string, unknown>;
  const type = typeof message.type === "string" ? message.type : "";
  if (!["image", "video", "audio", "document"].includes(type)) return null;
  const object = (message[type] ?? {}) as { id?: unknown; link?: unknown };
  if (typeof object.link === "string") return null;
  if (typeof object.id === "string" && media.has(object.id)) return null;
  return { ...param("(#100) Invalid parameter"), details: `Parameter value is not valid: media id ${String(object.id)} was not found` };
}
