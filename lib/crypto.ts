import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets at rest (WhatsApp access tokens, OpenAI keys): AES-256-GCM with a
 * fresh 12-byte IV per write and the workspace id as associated data, so a
 * ciphertext copied into another workspace's row does not decrypt.
 * Format: `v1:<iv b64>:<tag b64>:<ciphertext b64>`. The version prefix lets
 * ENCRYPTION_KEY rotate: a new key becomes v2 and v1 stays readable.
 */
const CURRENT_VERSION = "v1";

function keyFor(version: string, source?: string): Buffer {
  if (version !== CURRENT_VERSION) throw new Error(`Unknown encryption key version ${version}`);
  return Buffer.from(source ?? env().ENCRYPTION_KEY, "base64");
}

export function encryptSecret(plaintext: string, workspaceId: string, keyBase64?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(CURRENT_VERSION, keyBase64), iv);
  cipher.setAAD(Buffer.from(workspaceId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [CURRENT_VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecret(payload: string, workspaceId: string, keyBase64?: string): string {
  const [version, iv, tag, ciphertext] = payload.split(":");
  if (!version || !iv || !tag || ciphertext === undefined) throw new Error("Malformed encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(version, keyBase64), Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(workspaceId, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

/** What the settings screen shows for a stored secret: enough to recognise it, not to use it. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return "••••••••";
  return `${secret.slice(0, 4)}••••••••${secret.slice(-4)}`;
}
