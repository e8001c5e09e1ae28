import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { auth } from "./auth";
import { loadActiveMember, type Member } from "./member";
import { can, type Permission } from "./permissions";

/** The signed-in, active member of this request, or null. Cached for the duration of one request. */
export const currentMember = cache(async (): Promise<Member | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.workspaceId) return null;
  return loadActiveMember(getDb(), user.id, user.workspaceId, user.sessionId);
});

/** For pages: anonymous or deactivated visitors go to the sign-in screen. */
export async function requireMember(): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect("/login");
  return member;
}

/** For pages: a member without the permission gets the ordinary 404 page. */
export async function requirePagePermission(permission: Permission): Promise<Member> {
  const member = await requireMember();
  if (!can(member, permission)) notFound();
  return member;
}
