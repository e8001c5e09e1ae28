import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { authSessions, memberships, users, workspaces, type Availability } from "@/lib/db/schema";
import { usableTimeZone } from "@/lib/time-zone";
import { extendAuthSession, needsExtending } from "./auth-sessions";
import type { Actor } from "./permissions";

export type Member = Actor & {
  membershipId: string;
  name: string;
  email: string;
  locale: string | null;
  availability: Availability;
  workspaceName: string;
  /** The workspace's IANA time zone: the business's calendar day (lib/workspaces/time-zone.ts). */
  timeZone: string;
  /** The signed-in browser (auth_sessions row) this request came from. */
  sessionId: string;
};

/**
 * The member behind a session, read fresh from the database: a role change
 * or a deactivation takes effect on the very next request, whatever the token says.
 * The same query requires the token's session row (lib/auth/auth-sessions.ts),
 * so a signed-out cookie, or one issued before sessions had rows (no `sid`),
 * is refused however long the JWT still runs.
 */
export async function loadActiveMember(
  db: Db,
  userId: string,
  workspaceId: string,
  sessionId: string | undefined,
  now: Date = new Date(),
): Promise<Member | null> {
  if (!sessionId || !UUID.test(sessionId)) return null;
  const [row] = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      workspaceId: memberships.workspaceId,
      role: memberships.role,
      availability: memberships.availability,
      name: users.name,
      email: users.email,
      locale: users.locale,
      workspaceName: workspaces.name,
      timeZone: workspaces.timeZone,
      sessionId: authSessions.id,
      sessionExpiresAt: authSessions.expiresAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .innerJoin(
      authSessions,
      and(
        eq(authSessions.id, sessionId),
        eq(authSessions.userId, memberships.userId),
        eq(authSessions.workspaceId, memberships.workspaceId),
        gt(authSessions.expiresAt, now),
      ),
    )
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId), eq(memberships.active, true)));
  if (!row) return null;
  const { sessionExpiresAt, ...member } = row;
  if (needsExtending(sessionExpiresAt, now)) await extendAuthSession(db, member.sessionId, now);
  return { ...member, timeZone: usableTimeZone(member.timeZone) };
}

// A malformed id would make Postgres fail the uuid cast instead of matching nothing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
