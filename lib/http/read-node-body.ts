import type { IncomingMessage } from "node:http";
import { BodyTooLarge } from "./read-body";

/**
 * Reads a Node.js request body as bytes, refusing more than `limit` whether
 * or not the client announced its length (a chunked body has no
 * Content-Length). The rest of a refused body is left unread.
 */
export async function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers["content-length"] ?? "0") > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
