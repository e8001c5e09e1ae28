import { randomBytes } from "node:crypto";
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
  const reader = file.getReader();
  let sentHead = false;
  let failure: unknown;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(head);
        return;
      }
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.enqueue(tail);
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        failure = error;
        controller.error(error);
      }
    },
    cancel(reason) {
      void reader.cancel(reason);
    },
  });

  const url = `${env().WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${encodeURIComponent(upload.phoneNumberId)}/media`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${upload.accessToken}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.byteLength + upload.size + tail.byteLength),
      },
      body,
      duplex: "half",
      signal: upload.signal,
    } as RequestInit & { duplex: "half" });
  } catch (error) {
    if (failure instanceof UploadSizeMismatch) throw failure;
    // The browser went away mid-upload, or Meta could not be reached.
    void reader.cancel().catch(() => {});
    throw new GraphApiError(upload.signal?.aborted ? "aborted" : "network", 0, undefined, undefined, error instanceof Error ? error.message : undefined);
  }
  const json = (await response.json().catch(() => ({}))) as {
    id?: string;
    error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } | string };
  };
  if (!response.ok || !json.id) {
    const e = json.error;
    throw new GraphApiError(e?.message ?? `HTTP ${response.status}`, response.status, e?.code, e?.error_subcode, typeof e?.error_data === "object" ? e.error_data.details : undefined);
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
