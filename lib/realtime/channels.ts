import type { Actor } from "@/lib/auth/permissions";
import { userChannel, workspaceChannel } from "./events";

/**
 * The only channels a member may subscribe to: their workspace's and their
 * own. Anything else (another workspace, another user, a public or malformed
 * name) is refused, so /api/pusher/auth never signs a channel by pattern.
 */
export function mayHoldChannel(member: Pick<Actor, "userId" | "workspaceId">, channel: string): boolean {
  return channel === workspaceChannel(member.workspaceId) || channel === userChannel(member.userId);
}
