import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { endUserSessions } from "./auth-sessions";
import { clearFailures, recordFailure, throttleState } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";

/** The new password follows the rule for passwords set when adding a member or creating a workspace. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8).max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "validation.password_mismatch" });

type Options = { now?: () => Date; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Changes the signed-in person's password and ends every other session of
 * theirs (the browser that made the change stays signed in). Guesses at the
 * current password count against the same per-address limit as sign-in
 * (lib/auth/login-throttle.ts): a stolen session cookie buys no extra
 * guesses, and the lock applies to both.
 */
export async function changePassword(
  db: Db,
  member: { userId: string; email: string; sessionId: string },
  input: z.output<typeof changePasswordSchema>,
  options: Options = {},
): Promise<{ endedSessions: number }> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const locked = (until: Date) =>
    new AppError("rate_limited:password", {
      messageKey: "login_locked",
      values: { minutes: Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 60_000)) },
    });

  const state = await throttleState(db, member.email, now());
  if (state.lockedUntil) throw locked(state.lockedUntil);
  if (state.delayMs) await sleep(state.delayMs);

  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, member.userId));
  if (!user) throw new AppError("unauthorized:session");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const lockedUntil = await recordFailure(db, member.email, now());
    if (lockedUntil) throw locked(lockedUntil);
    throw new FieldErrors({ currentPassword: { key: "current_password_wrong" } });
  }
  await clearFailures(db, member.email);

  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    // The update takes the user's row lock before the sessions are deleted: a
    // sign-in that verified the old password waits on that lock when it opens
    // its session row (lib/auth/auth-sessions.ts) and then finds the hash
    // changed, so no session made with the old password outlives the change.
    // Comparing the old hash refuses a second change racing this one.
    const updated = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, member.userId), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("conflict:password");
    return { endedSessions: await endUserSessions(tx, member.userId, { keep: member.sessionId }) };
  });
}
