import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { endAuthSession } from "./auth-sessions";
import { baseAuthConfig } from "./auth.config";
import { signInWithCredentials } from "./credentials";

/** Carries why a sign-in was refused to the login form; the code never says whether the e-mail exists. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig();
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials) {
          const result = await signInWithCredentials(getDb(), credentials);
          if (!result.ok) {
            throw new SignInRefused(
              result.reason === "locked" ? `locked:${result.retryAfterSeconds}` : result.reason,
            );
          }
          return {
            id: result.identity.userId,
            email: result.user.email,
            name: result.user.name,
            workspaceId: result.identity.workspaceId,
            role: result.identity.role,
            sessionId: result.sessionId,
          };
        },
      }),
    ],
    events: {
      // Auth.js's own sign-out endpoint (POST /api/auth/signout) ends the row too;
      // the logout action also deletes it itself, before signOut() runs this.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token?.userId && token.sid) await endAuthSession(getDb(), token.userId, token.sid);
      },
    },
  };
});
