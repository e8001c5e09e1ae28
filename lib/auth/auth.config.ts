import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/db/schema";
import { env } from "@/lib/env";

declare module "next-auth" {
  interface User {
    workspaceId?: string;
    role?: Role;
  }
  interface Session {
    user: { id: string; workspaceId: string; role: Role; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    role?: Role;
  }
}

/**
 * The part of the Auth.js configuration that needs no database, shared by
 * proxy.ts (which only redirects anonymous visitors) and the full config.
 * The session token carries identity only; role and active status are read
 * from the database on every request (lib/auth/session.ts).
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId && token.workspaceId && token.role) {
          session.user = { ...session.user, id: token.userId, workspaceId: token.workspaceId, role: token.role };
        }
        return session;
      },
    },
  };
}
