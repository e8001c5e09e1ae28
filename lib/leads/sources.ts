import "server-only";
import { and, asc, count, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { leadSources, leads } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { issueMessage } from "@/lib/validation";

/** The sources every workspace gets (database trigger); shown translated by key, never renamed. */
export const SYSTEM_SOURCE_KEYS = ["whatsapp", "facebook", "instagram", "website"] as const;
export type SystemSourceKey = (typeof SYSTEM_SOURCE_KEYS)[number];

export const sourceNameSchema = z.string().trim().min(1).max(60);

export type LeadSource = {
  id: string;
  name: string;
  systemKey: SystemSourceKey | null;
  archived: boolean;
  leadCount: number;
};

/** Every source of the workspace, archived ones included, system sources first, each with its number of leads. */
export async function listSources(db: Db, workspaceId: string): Promise<LeadSource[]> {
  const rows = await db
    .select({
      id: leadSources.id,
      name: leadSources.name,
      systemKey: leadSources.systemKey,
      archivedAt: leadSources.archivedAt,
      leadCount: count(leads.id),
    })
    .from(leadSources)
    .leftJoin(leads, and(eq(leads.sourceId, leadSources.id), eq(leads.workspaceId, workspaceId)))
    .where(eq(leadSources.workspaceId, workspaceId))
    .groupBy(leadSources.id)
    .orderBy(sql`${leadSources.systemKey} is null`, asc(leadSources.createdAt), asc(leadSources.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    systemKey: row.systemKey as SystemSourceKey | null,
    archived: row.archivedAt !== null,
    leadCount: Number(row.leadCount),
  }));
}

/** Whether `sourceId` names a non-archived source of the workspace (what auto lead may point at). */
export async function isActiveSource(db: Db, workspaceId: string, sourceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId), isNull(leadSources.archivedAt)));
  return Boolean(row);
}

/** The workspace's own source; an id of another workspace is indistinguishable from one that never existed. */
async function customSource(db: Db, workspaceId: string, sourceId: string) {
  const [row] = await db
    .select()
    .from(leadSources)
    .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId)));
  if (!row) throw new AppError("not_found:lead_source");
  // Reports and the inbound pipeline find system sources by key, so they stay as they are.
  if (row.systemKey !== null) throw new AppError("conflict:lead_source", { messageKey: "lead_source_system" });
  return row;
}

function hasCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/**
 * Names are unique per workspace regardless of case ("facebook" next to
 * "Facebook" would split a report). The check gives the friendly error; the
 * unique index still decides two admins adding the same name at once.
 */
async function assertNameFree(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(
      and(
        eq(leadSources.workspaceId, workspaceId),
        sql`lower(${leadSources.name}) = lower(${name})`,
        exceptId ? ne(leadSources.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new FieldErrors({ name: { key: "name_taken" } });
}

/** Callers other than the actions (which parse first) get the same field error as the form. */
function parseName(raw: string): string {
  const parsed = sourceNameSchema.safeParse(raw);
  if (!parsed.success) throw new FieldErrors({ name: issueMessage(parsed.error.issues[0]!) });
  return parsed.data;
}

function nameTakenOnRace(error: unknown): never {
  if (hasCode(error, "23505")) throw new FieldErrors({ name: { key: "name_taken" } });
  throw error;
}

export async function addSource(db: Db, workspaceId: string, rawName: string): Promise<{ id: string }> {
  const name = parseName(rawName);
  await assertNameFree(db, workspaceId, name);
  try {
    const [row] = await db.insert(leadSources).values({ workspaceId, name }).returning({ id: leadSources.id });
    return { id: row!.id };
  } catch (error) {
    return nameTakenOnRace(error);
  }
}

export async function renameSource(db: Db, workspaceId: string, sourceId: string, rawName: string): Promise<void> {
  const name = parseName(rawName);
  await customSource(db, workspaceId, sourceId);
  await assertNameFree(db, workspaceId, name, sourceId);
  try {
    await db
      .update(leadSources)
      .set({ name })
      .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId)));
  } catch (error) {
    nameTakenOnRace(error);
  }
}

/** An archived source keeps its leads and reports but is no longer offered; auto lead falls back to WhatsApp. */
export async function archiveSource(db: Db, workspaceId: string, sourceId: string): Promise<void> {
  await customSource(db, workspaceId, sourceId);
  await db
    .update(leadSources)
    .set({ archivedAt: new Date() })
    .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId), isNull(leadSources.archivedAt)));
}

export async function restoreSource(db: Db, workspaceId: string, sourceId: string): Promise<void> {
  await customSource(db, workspaceId, sourceId);
  await db
    .update(leadSources)
    .set({ archivedAt: null })
    .where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId), isNotNull(leadSources.archivedAt)));
}

/** Only a source no lead uses may be deleted; one with leads is archived instead, so reports keep their history. */
export async function deleteSource(db: Db, workspaceId: string, sourceId: string): Promise<void> {
  await customSource(db, workspaceId, sourceId);
  const inUse = () => new AppError("conflict:lead_source", { messageKey: "lead_source_in_use" });
  const [used] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.sourceId, sourceId), eq(leads.workspaceId, workspaceId)))
    .limit(1);
  if (used) throw inUse();
  try {
    await db.delete(leadSources).where(and(eq(leadSources.id, sourceId), eq(leadSources.workspaceId, workspaceId)));
  } catch (error) {
    // A lead created between the check and the delete: leads.source_id is ON DELETE RESTRICT, so the delete fails instead of orphaning it.
    if (hasCode(error, "23503")) throw inUse();
    throw error;
  }
}
