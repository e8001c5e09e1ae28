import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Meta signs each webhook POST with `X-Hub-Signature-256: sha256=<hex>`, the
 * HMAC-SHA256 of the exact raw body keyed by the app secret. Compared in
 * constant time so the signature cannot be guessed byte by byte.
 */
export function isValidSignature(rawBody: Uint8Array, header: string | null, appSecret: string): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const received = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

export function signBody(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}
