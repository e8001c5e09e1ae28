import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema";

/**
 * What the mocked Next.js request sees (tests/support/next-request-mocks.ts):
 * the session token's identity and the database getDb() returns. Actions run
 * for real against it; only the framework's request plumbing is replaced.
 */
type Context = { session: { id: string; workspaceId: string; role: Role } | null; db: Db | null; locale: "en" | "pt-BR" };

const globalContext = globalThis as unknown as { __testRequestContext?: Context };
globalContext.__testRequestContext ??= { session: null, db: null, locale: "en" };

export const requestContext: Context = globalContext.__testRequestContext;

export function useDatabase(db: Db) {
  requestContext.db = db;
}

export function actAs(member: { userId: string; workspaceId: string; role?: Role } | null) {
  requestContext.session = member ? { id: member.userId, workspaceId: member.workspaceId, role: member.role ?? "agent" } : null;
}
