import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces, type Availability, type Role } from "@/lib/db/schema";

export const DEFAULT_PASSWORD = "correct-horse-battery";

let counter = 0;
const next = () => ++counter;

export async function createWorkspace(db: Db, input: { name?: string } = {}) {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: input.name ?? `Workspace ${next()}` })
    .returning();
  return workspace!;
}

export type MemberInput = {
  workspaceId: string;
  role?: Role;
  email?: string;
  name?: string;
  password?: string;
  active?: boolean;
  availability?: Availability;
};

/** A user and their membership; the e-mail is stored normalized, as sign-up does. */
export async function createMember(db: Db, input: MemberInput) {
  const n = next();
  const email = (input.email ?? `member-${n}@example.com`).trim().toLowerCase();
  const password = input.password ?? DEFAULT_PASSWORD;
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name ?? `Member ${n}`, passwordHash: await hashPassword(password) })
    .returning({ id: users.id });
  const [membership] = await db
    .insert(memberships)
    .values({
      workspaceId: input.workspaceId,
      userId: user!.id,
      role: input.role ?? "agent",
      active: input.active ?? true,
      availability: input.availability ?? "available",
    })
    .returning({ id: memberships.id });
  return { userId: user!.id, membershipId: membership!.id, email, password };
}
