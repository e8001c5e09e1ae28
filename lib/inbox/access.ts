import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { conversations, messages } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/**
 * The one place that decides which conversations a member may see. Every
 * inbox query, route and action goes through `conversationVisibility` (lists)
 * or `findVisibleConversation` (one chat), so a later rule such as "agents
 * see only the chats assigned to them" changes this file and nothing else.
 * Today the rule is: the conversation belongs to the member's workspace.
 */

/** Who is looking; `role` is optional because list callers may only know the user and workspace. */
export type Viewer = Pick<Actor, "workspaceId" | "userId"> & { role?: Actor["role"] };

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * The condition on `conversations` every list, route, action and real-time
 * channel applies: the viewer's workspace, and, when the support-agent
 * setting restricts chats to their assignee, only the agent's own chats
 * (admins always see everything; a viewer of unknown role counts as an agent).
 */
export async function conversationVisibility(db: Db, viewer: Viewer): Promise<SQL> {
  const sameWorkspace = eq(conversations.workspaceId, viewer.workspaceId);
  if (viewer.role === "admin") return sameWorkspace;
  const { restrictToAssigned } = await getSettings(db, viewer.workspaceId, supportAgentSection);
  return restrictToAssigned ? and(sameWorkspace, eq(conversations.assignedUserId, viewer.userId))! : sameWorkspace;
}

/**
 * The conversation when the member may see it; otherwise `not_found:conversation`
 * (a forged or foreign id learns nothing). `forUpdate` locks the row for the
 * rest of the caller's transaction.
 */
export async function findVisibleConversation(
  db: Db,
  member: Viewer,
  conversationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ConversationRow> {
  if (!isUuid(conversationId)) throw new AppError("not_found:conversation");
  const query = db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), await conversationVisibility(db, member)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found:conversation");
  return row;
}

/** A message of a conversation the member may see, with that conversation; otherwise `not_found:message`. */
export async function findVisibleMessage(
  db: Db,
  member: Viewer,
  messageId: string,
): Promise<{ message: MessageRow; conversation: ConversationRow }> {
  if (!isUuid(messageId)) throw new AppError("not_found:message");
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.workspaceId, member.workspaceId)));
  if (!message) throw new AppError("not_found:message");
  try {
    return { message, conversation: await findVisibleConversation(db, member, message.conversationId) };
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") throw new AppError("not_found:message");
    throw error;
  }
}
