import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messages } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type MessageRow } from "@/lib/inbox/access";
import { isUuid } from "@/lib/validation";

/**
 * Signed links to one message's media (`/api/media/<id>?expires=…&signature=…`),
 * sent to forwarding receivers, which have no session. Whoever holds the link
 * may fetch that message's media until it expires; nothing else. The key is
 * derived from AUTH_SECRET (HKDF with its own label), so it signs nothing the
 * session code would accept and needs no variable of its own.
 */
export const MEDIA_LINK_TTL_MS = 24 * 60 * 60 * 1000;

function linkKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "zapvendas media link v1", 32));
}

function sign(messageId: string, expires: number): string {
  return createHmac("sha256", linkKey()).update(`${messageId}.${expires}`).digest("base64url");
}

/** The link and when it stops working; expiry is Unix seconds. */
export function mediaLink(baseUrl: string, messageId: string, now: Date): { url: string; expiresAt: Date } {
  const expires = Math.floor((now.getTime() + MEDIA_LINK_TTL_MS) / 1000);
  const url = new URL(`${baseUrl.replace(/\/$/, "")}/api/media/${messageId}`);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("signature", sign(messageId, expires));
  return { url: url.toString(), expiresAt: new Date(expires * 1000) };
}

export type MediaLinkCheck = "valid" | "expired" | "invalid";

/** Checks the signature first (timing-safe), so an expired forgery is "invalid", not "expired". */
export function checkMediaLink(messageId: string, expiresParam: string | null, signature: string | null, now: Date = new Date()): MediaLinkCheck {
  if (!expiresParam || !signature || !/^\d{1,12}$/.test(expiresParam)) return "invalid";
  const expires = Number(expiresParam);
  const expected = Buffer.from(sign(messageId, expires));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return expires * 1000 > now.getTime() ? "valid" : "expired";
}

/**
 * The message a signed link names, for the media route: the link stands in
 * for the session, so no workspace or visibility check applies beyond it.
 * A bad or expired link is refused (403) before the database is asked.
 */
export async function findLinkedMessage(db: Db, messageId: string, expires: string | null, signature: string | null, now: Date = new Date()): Promise<MessageRow> {
  const check = checkMediaLink(messageId, expires, signature, now);
  if (check === "invalid") throw new AppError("forbidden:media_link");
  if (check === "expired") throw new AppError("forbidden:media_link_expired");
  if (!isUuid(messageId)) throw new AppError("not_found:message");
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!message) throw new AppError("not_found:message");
  return message;
}
