import { and, count, eq, isNull } from "drizzle-orm";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/lib/db/errors";
import { quickReplies } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import type { QuickReplyFields, QuickReplyScope } from "./input";
import { findVisibleQuickReply, type QuickReplyRow } from "./queries";

/** Per list (the workspace's, each member's own): keeps the composer's list, loaded whole, small. */
export const MAX_QUICK_REPLIES = 500;

type Member = Pick<Actor, "workspaceId" | "userId" | "role">;

/** Workspace replies are every member's words to customers, so only admins write them; anyone keeps their own. */
function assertMayWrite(member: Member, ownerUserId: string | null): void {
  if (ownerUserId === null && !can(member, "quick_replies:manage")) throw new AppError("forbidden:quick_reply", { messageKey: "quick_reply_workspace_admins" });
}

/** The unique index (workspace, owner or none, shortcut) decides duplicates, also between two saves racing. */
async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new FieldErrors({ shortcut: { key: "quick_reply_shortcut_taken" } });
    throw error;
  }
}

export async function createQuickReply(db: Db, member: Member, input: QuickReplyFields & { scope: QuickReplyScope }): Promise<{ id: string }> {
  const ownerUserId = input.scope === "own" ? member.userId : null;
  assertMayWrite(member, ownerUserId);
  const owner = ownerUserId === null ? isNull(quickReplies.ownerUserId) : eq(quickReplies.ownerUserId, ownerUserId);
  // A soft cap: two saves racing may pass it by one, which is harmless.
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(quickReplies)
    .where(and(eq(quickReplies.workspaceId, member.workspaceId), owner));
  if (total >= MAX_QUICK_REPLIES) throw new AppError("conflict:quick_reply", { messageKey: "quick_replies_full", values: { max: MAX_QUICK_REPLIES } });
  const [row] = await saving(() =>
    db
      .insert(quickReplies)
      .values({ workspaceId: member.workspaceId, ownerUserId, title: input.title, shortcut: input.shortcut, body: input.body })
      .returning({ id: quickReplies.id }),
  );
  return { id: row!.id };
}

/** A reply the member may see and change: someone else's own reply is not found, a workspace one needs an admin. */
async function writableReply(db: Db, member: Member, id: string): Promise<QuickReplyRow> {
  const row = await findVisibleQuickReply(db, member, id);
  assertMayWrite(member, row.ownerUserId);
  return row;
}

export async function updateQuickReply(db: Db, member: Member, id: string, input: QuickReplyFields): Promise<void> {
  const row = await writableReply(db, member, id);
  await saving(() =>
    db
      .update(quickReplies)
      .set({ title: input.title, shortcut: input.shortcut, body: input.body, updatedAt: new Date() })
      .where(and(eq(quickReplies.id, row.id), eq(quickReplies.workspaceId, member.workspaceId))),
  );
}

export async function deleteQuickReply(db: Db, member: Member, id: string): Promise<void> {
  const row = await writableReply(db, member, id);
  await db.delete(quickReplies).where(and(eq(quickReplies.id, row.id), eq(quickReplies.workspaceId, member.workspaceId)));
}
