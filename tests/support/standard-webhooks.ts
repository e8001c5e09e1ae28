import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * What a receiver does to verify a forwarded request, written from the
 * README's description and independently of lib/forwarding/signature.ts:
 * HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<content>" with the
 * secret's bytes (base64-decoded after "whsec_", else UTF-8), compared with
 * each "v1,<base64>" entry of webhook-signature.
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, content: string): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const timestamp = String(headers["webhook-timestamp"] ?? "");
  const signatures = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(timestamp)) return false;
  const key = secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${content}`).digest();
  return signatures.some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
