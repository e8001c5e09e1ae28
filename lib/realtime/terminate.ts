import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema";
import { pusherServer } from "./publish";

/**
 * Closes the live real-time connections of members whose access just
 * shrank (deactivated, role changed, chats restricted to their assignee).
 * A subscription is authorized once, when it is made: without this, an open
 * tab would keep every channel it held until its next reconnection.
 *
 * Pusher closes the user's signed-in sockets (user authentication,
 * /api/pusher/user-auth) with code 4009. The browser then re-reads the
 * page and reconnects (components/realtime/realtime-provider.tsx), and
 * /api/pusher/user-auth and /api/pusher/auth sign only what the member may
 * hold now. Called after the change committed, never inside its transaction.
 * Like publishing, a failure is logged and does not fail the change: the
 * stored data is already right, and the events of chats and leads the member
 * may no longer open stopped with the change (lib/realtime/audience.ts).
 */
export async function terminateConnections(userIds: string[]): Promise<void> {
  await Promise.all([...new Set(userIds)].map(terminateOne));
}

async function terminateOne(userId: string): Promise<void> {
  // One retry: a kept-alive connection the server has just closed fails the first attempt.
  for (let attempt = 1; ; attempt++) {
    try {
      await pusherServer().terminateUserConnections(userId);
      return;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const refused = typeof status === "number" && status >= 400 && status < 500;
      if (attempt === 2 || refused) {
        console.error("[realtime] terminating connections failed", { userId, error: (error as Error).message });
        return;
      }
    }
  }
}

/** The connections of the person behind a membership of this workspace (none when the id is not of this workspace). */
export async function terminateMemberConnections(db: Db, workspaceId: string, membershipId: string): Promise<void> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)));
  await terminateConnections(rows.map((r) => r.userId));
}

/** The connections of every active agent of the workspace (admins keep seeing everything). */
export async function terminateAgentConnections(db: Db, workspaceId: string): Promise<void> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "agent"), eq(memberships.active, true)));
  await terminateConnections(rows.map((r) => r.userId));
}
