import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, realtimeConnectSources } from "@/lib/http/security-headers";
import { browserRealtimeConfig } from "@/lib/realtime/config";

const { auth } = NextAuth(() => baseAuthConfig());

const PUBLIC_PATHS = ["/login"];

/**
 * Only redirects anonymous visitors to the sign-in screen. Authorization is
 * not decided here: pages, actions and route handlers check the member and
 * the permission themselves (lib/auth/permissions.ts).
 *
 * Every page also gets its Content-Security-Policy here, with a nonce made
 * for this request: Next.js reads it from the request's header while
 * rendering and puts it on the page's scripts (pages are rendered per request
 * anyway, since each one reads the session).
 */
const guard = auth((request) => {
  const { pathname } = request.nextUrl;
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    dev: env().NODE_ENV === "development",
    connectSources: realtimeConnectSources(browserRealtimeConfig()),
  });
  let response: NextResponse;
  if (request.auth || PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", policy);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("next", pathname);
    response = NextResponse.redirect(login);
  }
  response.headers.set("Content-Security-Policy", policy);
  return response;
});

// With a lazily built config, auth(handler) resolves to the handler asynchronously.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await guard)(request, event as never);
}

export const config = {
  // API routes authenticate themselves (session, signature or bearer secret) and get the static
  // security headers from next.config.ts; static files (the web app manifest among them: browsers fetch
  // it without cookies) need nothing.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|sounds/|.*\\.(?:png|svg|ico|webp|mp3|ogg|wav|txt|webmanifest)$).*)"],
};
