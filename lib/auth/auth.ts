import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { baseAuthConfig } from "./auth.config";
import { verifyCredentials } from "./credentials";

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
          const db = getDb();
          const result = await verifyCredentials(db, credentials);
          if (!result.ok) {
            throw new SignInRefused(
              result.reason === "locked" ? `locked:${result.retryAfterSeconds}` : result.reason,
            );
          }
          const [user] = await db.select().from(users).where(eq(users.id, result.identity.userId));
          return {
            id: result.identity.userId,
            email: user?.email,
            name: user?.name,
            workspaceId: result.identity.workspaceId,
            role: result.identity.role,
          };
        },
      }),
    ],
  };
});
