import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces, type Availability } from "@/lib/db/schema";
import type { Actor } from "./permissions";

export type Member = Actor & {
  membershipId: string;
  name: string;
  email: string;
  locale: string | null;
  availability: Availability;
  workspaceName: string;
};

/**
 * The member behind a session, read fresh from the database: a role change
 * or a deactivation takes effect on the very next request, whatever the token says.
 */
export async function loadActiveMember(db: Db, userId: string, workspaceId: string): Promise<Member | null> {
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
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId), eq(memberships.active, true)));
  return row ?? null;
}
