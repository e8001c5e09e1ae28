import { and, asc, eq, isNull, or, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { contacts, quickReplies } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findVisibleConversation } from "@/lib/inbox/access";
import { isUuid } from "@/lib/validation";
import type { ComposerQuickReply, QuickReply } from "./types";
import { fillVariables } from "./variables";

export type QuickReplyRow = typeof quickReplies.$inferSelect;

/** The replies a member may see: the workspace's and their own, never a colleague's own. */
export function visibleTo(member: Pick<Actor, "workspaceId" | "userId">): SQL {
  return and(
    eq(quickReplies.workspaceId, member.workspaceId),
    or(isNull(quickReplies.ownerUserId), eq(quickReplies.ownerUserId, member.userId)),
  )!;
}

const toQuickReply = (row: QuickReplyRow): QuickReply => ({
  id: row.id,
  scope: row.ownerUserId === null ? "workspace" : "own",
  title: row.title,
  shortcut: row.shortcut,
  body: row.body,
});

async function visibleRows(db: Db, member: Pick<Actor, "workspaceId" | "userId">): Promise<QuickReplyRow[]> {
  return db.select().from(quickReplies).where(visibleTo(member)).orderBy(asc(quickReplies.shortcut), asc(quickReplies.createdAt), asc(quickReplies.id));
}

/** The quick replies page: the workspace's replies and the member's own, each by shortcut. */
export async function listQuickReplies(db: Db, member: Pick<Actor, "workspaceId" | "userId">): Promise<{ workspace: QuickReply[]; own: QuickReply[] }> {
  const rows = (await visibleRows(db, member)).map(toQuickReply);
  return { workspace: rows.filter((r) => r.scope === "workspace"), own: rows.filter((r) => r.scope === "own") };
}

/**
 * One reply the member may see; anything else (a colleague's own reply,
 * another workspace's, a malformed id) is the same "not found".
 */
export async function findVisibleQuickReply(db: Db, member: Pick<Actor, "workspaceId" | "userId">, id: string): Promise<QuickReplyRow> {
  if (!isUuid(id)) throw new AppError("not_found:quick_reply");
  const [row] = await db.select().from(quickReplies).where(and(eq(quickReplies.id, id), visibleTo(member)));
  if (!row) throw new AppError("not_found:quick_reply");
  return row;
}

/**
 * The composer's list for one chat, with the variables filled for its
 * contact and for the member writing. The chat is checked first: an agent
 * who may not see it learns nothing, not even its contact's name.
 */
export async function listComposerQuickReplies(
  db: Db,
  member: Actor & { name: string },
  conversationId: string,
): Promise<ComposerQuickReply[]> {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const [contact] = await db
    .select({ name: contacts.profileName })
    .from(contacts)
    .where(and(eq(contacts.id, conversation.contactId), eq(contacts.workspaceId, member.workspaceId)));
  const values = { contactName: contact?.name ?? null, agentName: member.name };
  return (await visibleRows(db, member)).map((row) => ({
    id: row.id,
    scope: row.ownerUserId === null ? "workspace" : "own",
    title: row.title,
    shortcut: row.shortcut,
    text: fillVariables(row.body, values),
  }));
}
