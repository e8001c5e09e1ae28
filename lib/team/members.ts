import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { endMemberSessions } from "@/lib/auth/auth-sessions";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { memberships, users, type Availability, type Role } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/config";

export const newAgentSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(8).max(200),
});

export const roleSchema = z.enum(["admin", "agent"]);
export const availabilitySchema = z.enum(["available", "away"]);
export const localeSchema = z.enum(LOCALES);

export type TeamMember = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  availability: Availability;
  canReassignLeads: boolean;
  createdAt: Date;
};

export async function listMembers(db: Db, workspaceId: string): Promise<TeamMember[]> {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      active: memberships.active,
      availability: memberships.availability,
      canReassignLeads: memberships.canReassignLeads,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

/**
 * Adds a new person as an agent. E-mail addresses are global (one sign-in per
 * person), so an address already registered anywhere is refused on the field.
 */
export async function addAgent(db: Db, workspaceId: string, input: z.output<typeof newAgentSchema>) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw new FieldErrors({ email: { key: "email_taken" } });
    const [membership] = await tx
      .insert(memberships)
      .values({ workspaceId, userId: user.id, role: "agent" })
      .returning({ id: memberships.id });
    return { userId: user.id, membershipId: membership!.id };
  });
}

/**
 * Two admins demoting or deactivating each other at the same moment could
 * both pass a plain "another admin exists" check and leave the workspace with
 * none. Every role or status change therefore first locks the workspace's
 * admin rows, always in id order so concurrent changes queue instead of
 * deadlocking, and only then reads the target and counts the other admins.
 */
async function lockForMembershipChange(tx: Db, workspaceId: string, membershipId: string) {
  const admins = await tx
    .select({ id: memberships.id, active: memberships.active })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")))
    .orderBy(asc(memberships.id))
    .for("update");
  const [target] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)))
    .for("update");
  if (!target) throw new AppError("not_found:member");
  const otherActiveAdmins = admins.filter((a) => a.active && a.id !== membershipId).length;
  return { target, otherActiveAdmins };
}

function assertNotLastAdmin(otherActiveAdmins: number) {
  if (otherActiveAdmins === 0) throw new AppError("conflict:last_admin", { messageKey: "last_admin" });
}

export async function changeRole(db: Db, workspaceId: string, actorUserId: string, membershipId: string, role: Role) {
  await db.transaction(async (tx) => {
    const { target, otherActiveAdmins } = await lockForMembershipChange(tx, workspaceId, membershipId);
    if (target.userId === actorUserId) throw new AppError("conflict:own_membership", { messageKey: "own_membership" });
    if (target.role === "admin" && role !== "admin" && target.active) assertNotLastAdmin(otherActiveAdmins);
    await tx.update(memberships).set({ role }).where(eq(memberships.id, membershipId));
  });
}

export async function setMemberActive(db: Db, workspaceId: string, actorUserId: string, membershipId: string, active: boolean) {
  await db.transaction(async (tx) => {
    const { target, otherActiveAdmins } = await lockForMembershipChange(tx, workspaceId, membershipId);
    if (target.userId === actorUserId) throw new AppError("conflict:own_membership", { messageKey: "own_membership" });
    if (!active && target.role === "admin" && target.active) assertNotLastAdmin(otherActiveAdmins);
    await tx.update(memberships).set({ active }).where(eq(memberships.id, membershipId));
    // In the same transaction: reactivating must never revive a cookie from before (sign-ins lock this row too).
    if (!active) await endMemberSessions(tx, target.userId, workspaceId);
  });
}

export async function setOwnAvailability(db: Db, workspaceId: string, userId: string, availability: Availability) {
  await db
    .update(memberships)
    .set({ availability })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function setOwnLocale(db: Db, userId: string, locale: z.output<typeof localeSchema>) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** Lets an agent hand leads to colleagues (admins always may). */
export async function setCanReassignLeads(db: Db, workspaceId: string, membershipId: string, allowed: boolean) {
  const updated = await db
    .update(memberships)
    .set({ canReassignLeads: allowed })
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)))
    .returning({ id: memberships.id });
  if (updated.length === 0) throw new AppError("not_found:member");
}
