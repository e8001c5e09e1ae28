import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { loginAttempts } from "@/lib/db/schema";

/**
 * Password guessing is slowed, then refused, per e-mail address:
 * from the 3rd consecutive failure each answer is delayed (1 s more each time,
 * at most 4 s); the 5th failure locks the address for 15 minutes. Failures
 * older than the window are forgotten. State lives in the database so every
 * app instance applies the same limits.
 */
export const THROTTLE = {
  delayAfterFailures: 2,
  delayStepMs: 1_000,
  maxDelayMs: 4_000,
  lockAfterFailures: 5,
  lockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
} as const;

export type ThrottleState = { lockedUntil: Date | null; delayMs: number };

export async function throttleState(db: Db, email: string, now: Date): Promise<ThrottleState> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.email, email));
  if (!row) return { lockedUntil: null, delayMs: 0 };
  if (row.lockedUntil) return { lockedUntil: row.lockedUntil > now ? row.lockedUntil : null, delayMs: 0 };
  if (now.getTime() - row.lastFailedAt.getTime() > THROTTLE.windowMs) return { lockedUntil: null, delayMs: 0 };
  return { lockedUntil: null, delayMs: delayFor(row.failures) };
}

export function delayFor(failures: number): number {
  // `failures` counts the earlier ones: the attempt being answered is failure number failures + 1.
  const over = failures + 1 - THROTTLE.delayAfterFailures;
  return over > 0 ? Math.min(over * THROTTLE.delayStepMs, THROTTLE.maxDelayMs) : 0;
}

/**
 * Counts one failure atomically (concurrent guesses cannot undercount) and
 * returns the lock in force afterwards, if any. A lock still running is never
 * shortened or reset by failures that raced past the lock check.
 */
export async function recordFailure(db: Db, email: string, now: Date): Promise<Date | null> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - THROTTLE.windowMs).toISOString()}::timestamptz`;
  const lockUntil = sql`${new Date(now.getTime() + THROTTLE.lockMs).toISOString()}::timestamptz`;
  const lockRunning = sql`${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} > ${nowSql}`;
  const restart = sql`${loginAttempts.lastFailedAt} < ${windowStart}
      or (${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${nowSql})`;
  const failures = sql`case when ${lockRunning} then ${loginAttempts.failures} + 1
      when ${restart} then 1 else ${loginAttempts.failures} + 1 end`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, failures: 1, lastFailedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginAttempts.email,
      set: {
        failures,
        lastFailedAt: now,
        lockedUntil: sql`case when ${lockRunning} then ${loginAttempts.lockedUntil}
            when (${failures}) >= ${THROTTLE.lockAfterFailures} then ${lockUntil} else null end`,
      },
    })
    .returning({ lockedUntil: loginAttempts.lockedUntil });
  return row?.lockedUntil ?? null;
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email));
}
