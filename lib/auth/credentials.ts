import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { memberships, users, type Role } from "@/lib/db/schema";
import { openAuthSession } from "./auth-sessions";
import { clearFailures, recordFailure, throttleState } from "./login-throttle";
import { decoyPasswordHash, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

export type SignedInIdentity = { userId: string; workspaceId: string; role: Role };

export type CredentialsResult =
  | { ok: true; identity: SignedInIdentity }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "inactive" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

type Options = { now?: () => Date; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function verifyCredentials(db: Db, input: unknown, options: Options = {}): Promise<CredentialsResult> {
  return (await check(db, input, options)).result;
}

export type SignInResult =
  | { ok: true; identity: SignedInIdentity; sessionId: string; user: { email: string; name: string } }
  | Exclude<CredentialsResult, { ok: true }>;

/**
 * Verifies the credentials and opens the browser's session row, whose id
 * the JWT carries (lib/auth/auth-sessions.ts). A password change or a
 * deactivation that lands between the two refuses the sign-in.
 */
export async function signInWithCredentials(db: Db, input: unknown, options: Options = {}): Promise<SignInResult> {
  const checked = await check(db, input, options);
  if (checked.user === undefined) return checked.result;
  const { result, user } = checked;
  const sessionId = await openAuthSession(db, { ...result.identity, passwordHash: user.passwordHash, now: options.now?.() });
  if (!sessionId) return { ok: false, reason: "invalid" };
  return { ok: true, identity: result.identity, sessionId, user: { email: user.email, name: user.name } };
}

type Checked =
  | { result: Extract<CredentialsResult, { ok: true }>; user: typeof users.$inferSelect }
  | { result: Exclude<CredentialsResult, { ok: true }>; user?: undefined };

async function check(db: Db, input: unknown, options: Options): Promise<Checked> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { result: { ok: false, reason: "invalid" } };
  const { email, password } = parsed.data;

  const locked = (until: Date) => ({
    ok: false as const,
    reason: "locked" as const,
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000)),
  });

  const state = await throttleState(db, email, now());
  if (state.lockedUntil) return { result: locked(state.lockedUntil) };
  if (state.delayMs) await sleep(state.delayMs);

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !passwordOk) {
    const lockedUntil = await recordFailure(db, email, now());
    return { result: lockedUntil ? locked(lockedUntil) : { ok: false, reason: "invalid" } };
  }
  await clearFailures(db, email);

  // A member of several workspaces signs into the oldest active one.
  const [membership] = await db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!membership) return { result: { ok: false, reason: "inactive" } };
  return { result: { ok: true, identity: { userId: user.id, workspaceId: membership.workspaceId, role: membership.role } }, user };
}
