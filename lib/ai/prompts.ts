import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { aiPrompts, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { defaultPrompts } from "./default-prompts";

// Not "server-only": workspace:create and the demo seed (tsx scripts) seed the defaults through here.

export const promptInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  instruction: z.string().trim().min(1).max(2000),
});
export type PromptInput = z.output<typeof promptInputSchema>;

/** A workspace keeps its menu short enough to scan. */
export const MAX_PROMPTS = 50;

export type AiPrompt = { id: string; name: string; instruction: string };

/**
 * Writes the five default prompts once per workspace, in its language. The
 * UPDATE ... WHERE default_prompts_seeded_at IS NULL claims the seeding: of
 * two requests racing here only one gets the row back (the other waits on the
 * row lock, then sees it set), so the defaults are never written twice, and a
 * workspace whose admins deleted them all does not get them back.
 * Call it inside the transaction that creates a workspace, or through
 * `ensureDefaultPrompts` for workspaces that predate the prompts.
 */
export async function seedDefaultPrompts(db: Db, workspaceId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(workspaces)
      .set({ defaultPromptsSeededAt: new Date() })
      .where(and(eq(workspaces.id, workspaceId), isNull(workspaces.defaultPromptsSeededAt)))
      .returning({ locale: workspaces.locale });
    if (!claimed) return false;
    await tx.insert(aiPrompts).values(defaultPrompts(claimed.locale).map((prompt, position) => ({ workspaceId, ...prompt, position })));
    return true;
  });
}

/** Seeds the defaults lazily for a workspace created before the prompts existed; one cheap read once seeded. */
export async function ensureDefaultPrompts(db: Db, workspaceId: string): Promise<void> {
  const [row] = await db.select({ seededAt: workspaces.defaultPromptsSeededAt }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (row && row.seededAt === null) await seedDefaultPrompts(db, workspaceId);
}

/** The workspace's prompts in menu order (the defaults written first if they never were). */
export async function listPrompts(db: Db, workspaceId: string): Promise<AiPrompt[]> {
  await ensureDefaultPrompts(db, workspaceId);
  return db
    .select({ id: aiPrompts.id, name: aiPrompts.name, instruction: aiPrompts.instruction })
    .from(aiPrompts)
    .where(eq(aiPrompts.workspaceId, workspaceId))
    .orderBy(asc(aiPrompts.position), asc(aiPrompts.createdAt), asc(aiPrompts.id));
}

/** One prompt of the workspace; another workspace's id is indistinguishable from one that never existed. */
export async function getPrompt(db: Db, workspaceId: string, promptId: string): Promise<AiPrompt> {
  // A malformed id can match no row; checking first keeps Postgres from failing the cast with a 500.
  if (!z.uuid().safeParse(promptId).success) throw new AppError("not_found:ai_prompt");
  const [row] = await db
    .select({ id: aiPrompts.id, name: aiPrompts.name, instruction: aiPrompts.instruction })
    .from(aiPrompts)
    .where(and(eq(aiPrompts.id, promptId), eq(aiPrompts.workspaceId, workspaceId)));
  if (!row) throw new AppError("not_found:ai_prompt");
  return row;
}

export async function createPrompt(db: Db, workspaceId: string, input: PromptInput): Promise<{ id: string }> {
  await ensureDefaultPrompts(db, workspaceId);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(aiPrompts)
    .where(eq(aiPrompts.workspaceId, workspaceId));
  if (total >= MAX_PROMPTS) throw new AppError("conflict:ai_prompt", { messageKey: "ai_prompts_full", values: { max: MAX_PROMPTS } });
  // Last in the menu. Two admins adding at once may share a position; the creation time orders them, and a move renumbers.
  const [row] = await db
    .insert(aiPrompts)
    .values({
      workspaceId,
      name: input.name,
      instruction: input.instruction,
      position: sql`(select coalesce(max(${aiPrompts.position}), -1) + 1 from ${aiPrompts} where ${aiPrompts.workspaceId} = ${workspaceId})`,
    })
    .returning({ id: aiPrompts.id });
  return { id: row!.id };
}

export async function updatePrompt(db: Db, workspaceId: string, promptId: string, input: PromptInput): Promise<void> {
  await getPrompt(db, workspaceId, promptId);
  await db
    .update(aiPrompts)
    .set({ name: input.name, instruction: input.instruction, updatedAt: new Date() })
    .where(and(eq(aiPrompts.id, promptId), eq(aiPrompts.workspaceId, workspaceId)));
}

export async function deletePrompt(db: Db, workspaceId: string, promptId: string): Promise<void> {
  await getPrompt(db, workspaceId, promptId);
  await db.delete(aiPrompts).where(and(eq(aiPrompts.id, promptId), eq(aiPrompts.workspaceId, workspaceId)));
}

/**
 * Moves a prompt one place up or down and renumbers the menu 0..n-1. The
 * workspace's prompt rows are locked first: two admins moving prompts at the
 * same moment would otherwise each renumber from a stale order and lose a move.
 */
export async function movePrompt(db: Db, workspaceId: string, promptId: string, direction: "up" | "down"): Promise<void> {
  await getPrompt(db, workspaceId, promptId);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: aiPrompts.id, position: aiPrompts.position })
      .from(aiPrompts)
      .where(eq(aiPrompts.workspaceId, workspaceId))
      .orderBy(asc(aiPrompts.position), asc(aiPrompts.createdAt), asc(aiPrompts.id))
      .for("update");
    const order = rows.map((row) => row.id);
    const from = order.indexOf(promptId);
    if (from === -1) throw new AppError("not_found:ai_prompt");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [position, id] of order.entries()) {
      if (rows.find((row) => row.id === id)?.position === position) continue;
      await tx.update(aiPrompts).set({ position }).where(and(eq(aiPrompts.id, id), eq(aiPrompts.workspaceId, workspaceId)));
    }
  });
}
