import "server-only";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { messageTemplates, whatsappChannels } from "@/lib/db/schema";
import { GraphApiError } from "@/lib/whatsapp/graph-client";
import { listTemplatesPage } from "@/lib/whatsapp/templates-api";

/** Stops a Graph API that keeps answering with a `next` page (Meta allows a few thousand templates per account). */
export const MAX_TEMPLATE_PAGES = 100;
const UPSERT_CHUNK = 200;

export type SyncFailure = "not_configured" | "graph_error" | "timeout" | "network" | "unreadable" | "too_many_pages";

export type SyncResult =
  | { ok: true; count: number; removed: number; syncedAt: Date }
  | { ok: false; reason: SyncFailure; message: string | null; status?: number; code?: number };

/** What we need of a template; the rest of Meta's object is not read. One without these is skipped (and logged). */
const templateSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(64)),
  name: z.string().min(1).max(512),
  language: z.string().min(1).max(32),
  category: z.string().max(64).default("unknown"),
  status: z.string().min(1).max(64),
  parameter_format: z.string().max(32).optional(),
  components: z.array(z.unknown()).default([]),
  rejected_reason: z.string().max(2000).nullish(),
});

const pageSchema = z.looseObject({
  data: z.array(z.unknown()),
  paging: z.looseObject({ cursors: z.looseObject({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

type Row = typeof messageTemplates.$inferInsert;

function toRow(workspaceId: string, template: z.output<typeof templateSchema>, now: Date): Row {
  const format = template.parameter_format?.toLowerCase();
  // Meta says "NONE" when nothing was rejected.
  const reason = template.rejected_reason && template.rejected_reason.toUpperCase() !== "NONE" ? template.rejected_reason : null;
  return {
    workspaceId,
    metaId: template.id,
    name: template.name,
    language: template.language,
    category: template.category.toLowerCase(),
    status: template.status.toLowerCase(),
    parameterFormat: format === "named" ? "named" : "positional",
    components: template.components,
    statusReason: reason,
    syncedAt: now,
  };
}

function failureOf(error: unknown): SyncResult & { ok: false } {
  if (error instanceof GraphApiError && error.status === 0) return { ok: false, reason: error.message === "timeout" ? "timeout" : "network", message: null };
  if (error instanceof GraphApiError) return { ok: false, reason: "graph_error", message: error.message, status: error.status, code: error.code };
  throw error;
}

/**
 * Reads every page of the account's templates, following the cursor until
 * Meta gives no `next`, then stores them in one transaction: new and changed
 * ones upserted by (workspace, Meta id), and the ones Meta no longer lists
 * deleted. A page that fails leaves the stored templates untouched: a partial
 * list must never delete the templates on the pages we did not read.
 */
export async function syncTemplates(db: Db, workspaceId: string, now: Date = new Date()): Promise<SyncResult> {
  const [channel] = await db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, workspaceId));
  if (!channel?.accessTokenEncrypted || !channel.wabaId) return { ok: false, reason: "not_configured", message: null };
  const accessToken = decryptSecret(channel.accessTokenEncrypted, workspaceId);

  const rows = new Map<string, Row>();
  let after: string | undefined;
  for (let pageNumber = 1; ; pageNumber++) {
    if (pageNumber > MAX_TEMPLATE_PAGES) return { ok: false, reason: "too_many_pages", message: null };
    let raw: unknown;
    try {
      raw = await listTemplatesPage(accessToken, channel.wabaId, after);
    } catch (error) {
      return failureOf(error);
    }
    const page = pageSchema.safeParse(raw);
    if (!page.success) return { ok: false, reason: "unreadable", message: null };
    for (const item of page.data.data) {
      const template = templateSchema.safeParse(item);
      if (template.success) rows.set(template.data.id, toRow(workspaceId, template.data, now));
      else console.warn("[templates sync] skipped a template Meta listed", { workspaceId, issues: template.error.issues.map((i) => i.path.join(".")) });
    }
    if (!page.data.paging?.next) break;
    const next = page.data.paging.cursors?.after;
    // A `next` without a cursor, or a cursor that does not move, cannot be followed: a failure, not the end.
    if (!next || next === after) return { ok: false, reason: "unreadable", message: null };
    after = next;
  }

  const all = [...rows.values()];
  const removed = await db.transaction(async (tx) => {
    for (let i = 0; i < all.length; i += UPSERT_CHUNK) {
      await tx
        .insert(messageTemplates)
        .values(all.slice(i, i + UPSERT_CHUNK))
        .onConflictDoUpdate({
          target: [messageTemplates.workspaceId, messageTemplates.metaId],
          set: {
            name: sql`excluded.name`,
            language: sql`excluded.language`,
            category: sql`excluded.category`,
            status: sql`excluded.status`,
            parameterFormat: sql`excluded.parameter_format`,
            components: sql`excluded.components`,
            statusReason: sql`excluded.status_reason`,
            syncedAt: sql`excluded.synced_at`,
            updatedAt: now,
          },
        });
    }
    const gone = await tx
      .delete(messageTemplates)
      .where(
        all.length
          ? and(eq(messageTemplates.workspaceId, workspaceId), notInArray(messageTemplates.metaId, all.map((row) => row.metaId)))
          : eq(messageTemplates.workspaceId, workspaceId),
      )
      .returning({ id: messageTemplates.id });
    await tx.update(whatsappChannels).set({ templatesSyncedAt: now }).where(eq(whatsappChannels.workspaceId, workspaceId));
    return gone.length;
  });
  return { ok: true, count: all.length, removed, syncedAt: now };
}
