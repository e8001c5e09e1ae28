import type { Role } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The single place that says who may do what. Every server action, route
 * handler and page calls `can`/`assertCan` with the member read from the
 * database for this request (lib/auth/session.ts).
 */
const GRANTS = {
  "inbox:use": ["admin", "agent"],
  "inbox:assign": ["admin", "agent"],
  "profile:update": ["admin", "agent"],
  "team:view": ["admin"],
  "team:manage": ["admin"],
  "settings:view": ["admin"],
  "settings:manage": ["admin"],
  "reports:view": ["admin"],
  "leads:view": ["admin", "agent"],
  "leads:edit": ["admin", "agent"],
  /** The composer's AI wand; the AI settings and saved prompts are settings:view/settings:manage. */
  "ai:use": ["admin", "agent"],
  /** The quick replies page and the composer's "/" list; anyone keeps their own replies. */
  "quick_replies:use": ["admin", "agent"],
  /** The workspace's quick replies, which every member uses. */
  "quick_replies:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;

export type Actor = { userId: string; workspaceId: string; role: Role };

export function can(actor: Actor, permission: Permission): boolean {
  return (GRANTS[permission] as readonly Role[]).includes(actor.role);
}

/**
 * Refuses with "not found" rather than "forbidden": an agent probing an admin
 * screen learns nothing about what exists there.
 */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError(`not_found:${permission.split(":")[0]}`);
}
