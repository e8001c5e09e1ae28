import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema";

/**
 * The session token the mocked auth() returns. `sid` is the auth_sessions row
 * the token names: `undefined` means "a fresh sign-in" (the mocked auth()
 * opens a row on first use, so most tests need not care), `null` a token
 * issued before tokens carried one, a string that exact row.
 */
type Session = { id: string; workspaceId: string; role: Role; sid?: string | null; pendingSid?: Promise<string> };

/**
 * What the mocked Next.js request sees (tests/support/next-request-mocks.ts):
 * the session token's identity and the database getDb() returns. Actions run
 * for real against it; only the framework's request plumbing is replaced.
 */
type Context = { session: Session | null; db: Db | null; locale: "en" | "pt-BR" };

const globalContext = globalThis as unknown as { __testRequestContext?: Context };
globalContext.__testRequestContext ??= { session: null, db: null, locale: "en" };

export const requestContext: Context = globalContext.__testRequestContext;

export function useDatabase(db: Db) {
  requestContext.db = db;
}

type Who = { userId: string; workspaceId: string; role?: Role };

/** Requests from a browser that just signed in as this member (its session row is opened on first use). */
export function actAs(member: Who | null) {
  requestContext.session = member ? { id: member.userId, workspaceId: member.workspaceId, role: member.role ?? "agent" } : null;
}

/** Requests carrying a token that names this session row (`null`: a token without one). */
export function actAsSession(member: Who, sid: string | null) {
  requestContext.session = { id: member.userId, workspaceId: member.workspaceId, role: member.role ?? "agent", sid };
}

/** The session row the current (mocked) token names, once a request has used it. */
export function currentSid(): string | null | undefined {
  return requestContext.session?.sid;
}
