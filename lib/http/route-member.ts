import "server-only";
import { currentMember } from "@/lib/auth/session";
import type { Member } from "@/lib/auth/member";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/**
 * For route handlers wrapped in route(): the signed-in, active member holding
 * the permission. Anonymous callers get 401 JSON (`unauthorized:session`),
 * members without the permission 404, as in actions.
 */
export async function requireRouteMember(permission: Permission): Promise<Member> {
  const member = await currentMember();
  if (!member) throw new AppError("unauthorized:session");
  assertCan(member, permission);
  return member;
}
