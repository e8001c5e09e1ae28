import type { Actor } from "@/lib/auth/permissions";
import { adminsChannel, userChannel, workspaceChannel } from "./events";

/**
 * The only channels a member may subscribe to: their workspace's, their own,
 * and, for admins, the admins' channel of their workspace. Anything else (another workspace, another user, a public or malformed
 * name) is refused, so /api/pusher/auth never signs a channel by pattern.
 * An agent restricted to their own chats keeps the workspace channel: under
 * restriction it carries no chat or lead id (lib/realtime/audience.ts).
 */
export function mayHoldChannel(member: Pick<Actor, "userId" | "workspaceId" | "role">, channel: string): boolean {
  if (channel === adminsChannel(member.workspaceId)) return member.role === "admin";
  return channel === workspaceChannel(member.workspaceId) || channel === userChannel(member.userId);
}
