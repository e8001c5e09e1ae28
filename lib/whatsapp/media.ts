import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { env } from "@/lib/env";
import { GraphApiError, graphRequest, type SentMessage } from "./graph-client";

/** The body sent fewer or more bytes than it announced, or more than the type allows: refused mid-stream. */
export class UploadSizeMismatch extends Error {
  constructor(readonly received: number) {
    super("upload size mismatch");
  }
}

/** Quotes a value for a multipart header; the caller already refused control characters. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * Passes the bytes through, counting them, and fails the stream the moment
 * there are more than `size`, or fewer when it ends: Meta must never receive a
 * file other than the one whose size and type were checked.
 */
function countedExactly(size: number): TransformStream<Uint8Array, Uint8Array> {
  let received = 0;
  return new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > size) controller.error(new UploadSizeMismatch(received));
      else controller.enqueue(chunk);
    },
    flush(controller) {
      if (received !== size) controller.error(new UploadSizeMismatch(received));
    },
  });
}

export type MediaUpload = {
  accessToken: string;
  phoneNumberId: string;
  /** The file's bytes as they arrive: never buffered whole. */
  body: ReadableStream<Uint8Array>;
  /** Exactly how many bytes `body` holds (checked while streaming). */
  size: number;
  mimeType: string;
  filename: string;
  signal?: AbortSignal;
};

/**
 * POST /{phone-number-id}/media as multipart/form-data (messaging_product,
 * type, file) built around the incoming stream: the preamble, the file's
 * chunks as they arrive, the closing boundary. The length is known up front,
 * so Meta gets a Content-Length rather than a chunked body. Returns Meta's media id.
 */
export async function uploadMediaStream(upload: MediaUpload): Promise<{ id: string }> {
  const boundary = `----zapvendas${randomBytes(16).toString("hex")}`;
  const encoder = new TextEncoder();
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = encoder.encode(
    field("messaging_product", "whatsapp") +
      field("type", upload.mimeType) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(upload.filename)}\r\nContent-Type: ${upload.mimeType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);

  const file = upload.body.pipeThrough(countedExactly(upload.size));
  const url = new URL(`${env().WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${encodeURIComponent(upload.phoneNumberId)}/media`);
  // node:http rather than fetch: undici's fetch kept every chunk of a streamed request body
  // until the request ended (a 300 MB upload grew the process by 300 MB), which defeats streaming.
  const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${upload.accessToken}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(head.byteLength + upload.size + tail.byteLength),
    },
    signal: upload.signal,
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
  });
  // Meta may answer (an error) before the whole body is sent; the answer wins then.
  let hasAnswered = false;
  answered.then(() => (hasAnswered = true)).catch(() => {});

  let response: IncomingMessage;
  try {
    const writing = (async () => {
      const write = async (chunk: Uint8Array) => {
        // Backpressure: wait for the socket to drain, so at most one chunk or so is ever held here.
        if (!request.write(chunk)) await Promise.race([once(request, "drain"), answered]);
      };
      await write(head);
      const reader = file.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          // Meta answered early (a refusal): the rest of the file has nowhere to go.
          if (hasAnswered || request.destroyed) return void reader.cancel().catch(() => {});
          await write(value);
        }
      } catch (error) {
        request.destroy();
        throw error;
      }
      request.end(tail);
    })();
    // Once Meta answered, a later failure of the writing has nobody to tell.
    writing.catch(() => {});
    await Promise.race([writing, answered]);
    response = await answered;
  } catch (error) {
    request.destroy();
    void file.cancel().catch(() => {});
    if (error instanceof UploadSizeMismatch) throw error;
    // The browser went away mid-upload, or Meta could not be reached.
    throw new GraphApiError(upload.signal?.aborted ? "aborted" : "network", 0, undefined, undefined, error instanceof Error ? error.message : undefined);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  let json: { id?: string; error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } | string } } = {};
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    // Not JSON: the status alone explains it.
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300 || !json.id) {
    const e = json.error;
    throw new GraphApiError(e?.message ?? `HTTP ${status}`, status, e?.code, e?.error_subcode, typeof e?.error_data === "object" ? e.error_data.details : undefined);
  }
  return { id: json.id };
}

export type OutboundMedia = { kind: "image" | "video" | "audio" | "document"; id: string; caption?: string; filename?: string };

/** POST /{phone-number-id}/messages with media already uploaded, by its id (free-form: only inside the 24-hour window). */
export function sendMediaMessage(accessToken: string, phoneNumberId: string, message: { to: string; media: OutboundMedia }): Promise<SentMessage> {
  const { kind, id, caption, filename } = message.media;
  const object: Record<string, string> = { id };
  // Meta allows a caption on images, videos and documents, and a file name on documents only.
  if (caption && kind !== "audio") object.caption = caption;
  if (filename && kind === "document") object.filename = filename;
  return graphRequest<SentMessage>({
    accessToken,
    path: `${encodeURIComponent(phoneNumberId)}/messages`,
    method: "POST",
    body: { messaging_product: "whatsapp", recipient_type: "individual", to: message.to, type: kind, [kind]: object },
  });
}
