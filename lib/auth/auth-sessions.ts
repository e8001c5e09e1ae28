import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { authSessions, memberships, users } from "@/lib/db/schema";
import { SESSION_MAX_AGE_SECONDS } from "./auth.config";

/**
 * One row per signed-in browser (`auth_sessions`). The JWT cookie names its
 * row (`sid`) and the member lookup of every request requires it
 * (lib/auth/member.ts), so deleting a row ends every copy of that cookie at
 * once, long before the JWT itself expires.
 */

const DAY_MS = 24 * 60 * 60_000;
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;

/**
 * Auth.js re-signs the JWT with a fresh 30-day expiry whenever a page reads
 * the session, so an active browser's cookie never expires. The row follows
 * it: it is pushed forward at most once a day (like Auth.js's own `updateAge`
 * for database sessions), and it is given a day more than the cookie so that
 * it never ends before the cookie it names.
 */
export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + MAX_AGE_MS + DAY_MS);
}

export function needsExtending(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() < now.getTime() + MAX_AGE_MS;
}

/**
 * Opens the session of a sign-in that just verified `passwordHash`. The
 * insert reads the user and membership rows FOR SHARE and requires the hash
 * verified and the membership still active: a password change or a
 * deactivation that commits between the verification and this insert
 * (both lock those rows, then delete the user's sessions) would otherwise let
 * a session made with the old password, or for a deactivated member, survive.
 * Returns null when that race was lost.
 */
export async function openAuthSession(
  db: Db,
  input: { userId: string; workspaceId: string; passwordHash: string; now?: Date },
): Promise<string | null> {
  const expiresAt = sessionExpiry(input.now ?? new Date());
  const [row] = await db
    .insert(authSessions)
    .select((qb) =>
      qb
        .select({
          id: sql<string>`gen_random_uuid()`.as("id"),
          userId: users.id,
          workspaceId: memberships.workspaceId,
          createdAt: sql<Date>`now()`.as("created_at"),
          expiresAt: sql<Date>`${expiresAt.toISOString()}::timestamptz`.as("expires_at"),
        })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(
          and(
            eq(users.id, input.userId),
            eq(memberships.workspaceId, input.workspaceId),
            eq(memberships.active, true),
            eq(users.passwordHash, input.passwordHash),
          ),
        )
        .for("share", { of: [users, memberships] }),
    )
    .returning({ id: authSessions.id });
  return row?.id ?? null;
}

/** Pushes an active session's end forward (see sessionExpiry); at most one write a day per session. */
export async function extendAuthSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(authSessions).set({ expiresAt: sessionExpiry(now) }).where(eq(authSessions.id, sessionId));
}

/** Sign-out: ends this browser's session, whoever holds a copy of its cookie. */
export async function endAuthSession(db: Db, userId: string, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId)));
}

/**
 * "Sign out of all devices" and password changes: every session of the
 * person, in every workspace (the password belongs to the person), except
 * `keep` when given (the browser that changed the password stays signed in).
 */
export async function endUserSessions(db: Db, userId: string, options: { keep?: string } = {}): Promise<number> {
  const ended = await db
    .delete(authSessions)
    .where(and(eq(authSessions.userId, userId), options.keep ? ne(authSessions.id, options.keep) : undefined))
    .returning({ id: authSessions.id });
  return ended.length;
}

/** Deactivation: the member's sessions in that workspace, so reactivating never revives an old cookie. */
export async function endMemberSessions(db: Db, userId: string, workspaceId: string): Promise<void> {
  await db.delete(authSessions).where(and(eq(authSessions.userId, userId), eq(authSessions.workspaceId, workspaceId)));
}

/** Rows past their expiry are only garbage (the lookup already refuses them); removed in bounded batches by a cron. */
export async function deleteExpiredAuthSessions(db: Db, now: Date, limit = 5_000): Promise<number> {
  const batch = db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(lt(authSessions.expiresAt, now))
    .limit(limit);
  const deleted = await db
    .delete(authSessions)
    .where(sql`${authSessions.id} in ${batch}`)
    .returning({ id: authSessions.id });
  return deleted.length;
}
