import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";

function digest(value: string): Buffer {
  // Hashing first gives both sides the same length, so the comparison time says nothing about the secret's length.
  return createHash("sha256").update(value).digest();
}

/** True when the request carries `Authorization: Bearer $CRON_SECRET`. */
export function hasCronSecret(request: Request): boolean {
  const secret = env().CRON_SECRET;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  if (!secret || !match) return false;
  return timingSafeEqual(digest(match[1]!), digest(secret));
}

/**
 * A cron route (Vercel cron, or any scheduler when self-hosted): refuses with
 * 401 unless the bearer secret matches, then answers the handler's JSON.
 */
export function cronRoute(name: string, handler: (request: Request) => Promise<Record<string, unknown>>) {
  return route(`cron-${name}`, async (request: Request) => {
    if (!hasCronSecret(request)) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
    return NextResponse.json(await handler(request));
  });
}
