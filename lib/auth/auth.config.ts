import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/db/schema";
import { env } from "@/lib/env";

declare module "next-auth" {
  interface User {
    workspaceId?: string;
    role?: Role;
    /** The auth_sessions row opened by this sign-in (lib/auth/auth-sessions.ts). */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; workspaceId: string; role: Role; sessionId?: string; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    role?: Role;
    /** The session row; tokens issued before rows existed have none and are refused by the member lookup. */
    sid?: string;
  }
}

/** How long a JWT lives after the last time a page read it (Auth.js re-signs it then). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The part of the Auth.js configuration that needs no database, shared by
 * proxy.ts (which only redirects anonymous visitors) and the full config.
 * The session token carries identity and its session row's id only; role,
 * active status and whether the session still exists are read from the
 * database on every request (lib/auth/session.ts).
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    logger: {
      // A refused password is an expected outcome (counted by the login throttle), not a server error.
      error(error) {
        // `type`, not `name`: names are minified in the production build.
        if ((error as { type?: string }).type !== "CredentialsSignin") console.error("[auth]", error);
      },
    },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) {
          token.userId = user.id;
          token.workspaceId = user.workspaceId;
          token.role = user.role;
          token.sid = user.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId && token.workspaceId && token.role) {
          session.user = { ...session.user, id: token.userId, workspaceId: token.workspaceId, role: token.role, sessionId: token.sid };
        }
        return session;
      },
    },
  };
}
