import { createHmac } from "node:crypto";

/**
 * Request signing in the Standard Webhooks form (standardwebhooks.com), so
 * receivers can use its libraries or a few lines of their own:
 *
 *   webhook-id:        the delivery id, the same on every retry (drop repeats by it)
 *   webhook-timestamp: Unix seconds of this attempt (refuse old ones against replays)
 *   webhook-signature: v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<content>")>
 *
 * `content` is the JSON body for POST, and the raw query string (everything
 * after "?", as sent) for GET. The key is the secret's bytes after base64
 * decoding when it has the standard `whsec_` prefix, else its UTF-8 bytes.
 */
export function signingKey(secret: string): Buffer {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice("whsec_".length), "base64") : Buffer.from(secret, "utf8");
}

export function webhookSignature(secret: string, id: string, timestamp: number, content: string): string {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${content}`).digest("base64");
  return `v1,${mac}`;
}

/** The headers every forwarded request carries; the signature only when a secret is set. */
export function webhookHeaders(options: { id: string; timestamp: number; content: string; secret: string }): Record<string, string> {
  const headers: Record<string, string> = { "webhook-id": options.id, "webhook-timestamp": String(options.timestamp) };
  if (options.secret) headers["webhook-signature"] = webhookSignature(options.secret, options.id, options.timestamp, options.content);
  return headers;
}
