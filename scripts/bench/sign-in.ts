import { openAuthSession } from "@/lib/auth/auth-sessions";
import { loadActiveMember } from "@/lib/auth/member";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces } from "@/lib/db/schema";
import { figure, percentile, timeEach } from "./stats";

/** What signing in costs (one argon2id verification) and what every authenticated request pays (the member lookup). */
export async function benchSignIn(db: Db) {
  const hash = await hashPassword("bench-password");
  const verify = await timeEach(20, () => verifyPassword(hash, "bench-password"));
  figure("sign-in password verification p50", percentile(verify, 50), "ms", "argon2id, 19 MiB, t=2");

  const [workspace] = await db.insert(workspaces).values({ name: "Bench" }).returning();
  const members: { userId: string; sessionId: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const [user] = await db.insert(users).values({ email: `bench-${Date.now()}-${i}@bench.test`, name: `Bench ${i}`, passwordHash: hash }).returning();
    await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id });
    const sessionId = await openAuthSession(db, { userId: user!.id, workspaceId: workspace!.id, passwordHash: hash });
    members.push({ userId: user!.id, sessionId: sessionId! });
  }
  const lookups = await timeEach(2_000, (i) => {
    const member = members[i % members.length]!;
    return loadActiveMember(db, member.userId, workspace!.id, member.sessionId);
  });
  figure("member lookup per request p50", percentile(lookups, 50), "ms");
  figure("member lookup per request p99", percentile(lookups, 99), "ms");
}
