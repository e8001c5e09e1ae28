import type { IncomingMessage } from "node:http";

/** The body exceeded the limit: answered 413 without reading the rest. */
export class BodyTooLarge extends Error {}

/**
 * Reads a body as bytes, refusing more than `limit` whether or not the client
 * announced its length (a chunked body has no Content-Length). Leaving the
 * loop early cancels the stream, so the rest of a refused body is not read.
 */
async function readLimited(chunks: AsyncIterable<Uint8Array>, announcedLength: string | null | undefined, limit: number): Promise<Buffer> {
  if (Number(announcedLength ?? "0") > limit) throw new BodyTooLarge();
  const read: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLarge();
    read.push(chunk);
  }
  return Buffer.concat(read, size);
}

/** A web Request's body (App Router route handlers). */
export function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return Promise.resolve(new Uint8Array());
  return readLimited(request.body as unknown as AsyncIterable<Uint8Array>, request.headers.get("content-length"), limit);
}

/** A Node.js request's body (the webhook's Pages API route). */
export function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = request.headers["content-length"];
  return readLimited(request, announced, limit);
}
