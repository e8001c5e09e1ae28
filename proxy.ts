import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/auth.config";

const { auth } = NextAuth(() => baseAuthConfig());

const PUBLIC_PATHS = ["/login"];

/**
 * Only redirects anonymous visitors to the sign-in screen. Authorization is
 * not decided here: pages, actions and route handlers check the member and
 * the permission themselves (lib/auth/permissions.ts).
 */
const guard = auth((request) => {
  const { pathname } = request.nextUrl;
  if (request.auth || PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    return NextResponse.next();
  }
  const login = new URL("/login", request.nextUrl);
  if (pathname !== "/") login.searchParams.set("next", pathname);
  return NextResponse.redirect(login);
});

// With a lazily built config, auth(handler) resolves to the handler asynchronously.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await guard)(request, event as never);
}

export const config = {
  // API routes authenticate themselves (session, signature or bearer secret); static files need nothing.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|sounds/|.*\\.(?:png|svg|ico|webp|mp3|ogg|wav|txt)$).*)"],
};
