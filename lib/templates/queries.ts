import "server-only";
import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messageTemplates, whatsappChannels } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export type TemplateRow = typeof messageTemplates.$inferSelect;

/** What screens show of a template (JSON for the picker: dates as ISO strings). */
export type TemplateListItem = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: "positional" | "named";
  components: unknown[];
  statusReason: string | null;
};

export const TEMPLATE_SEARCH_MAX_LENGTH = 100;

function toItem(row: TemplateRow): TemplateListItem {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    parameterFormat: row.parameterFormat === "named" ? "named" : "positional",
    components: row.components,
    statusReason: row.statusReason,
  };
}

/** `%` and `_` typed in a search mean themselves. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The workspace's templates by name and language; `search` matches the name or the language code. */
export async function listTemplates(db: Db, workspaceId: string, options: { search?: string } = {}): Promise<TemplateListItem[]> {
  // Control characters (a NUL typed into the URL) match nothing and Postgres refuses them: dropped.
  const search = options.search?.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, TEMPLATE_SEARCH_MAX_LENGTH);
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.workspaceId, workspaceId),
        search ? or(ilike(messageTemplates.name, likePattern(search)), ilike(messageTemplates.language, likePattern(search))) : undefined,
      ),
    )
    .orderBy(asc(messageTemplates.name), asc(messageTemplates.language));
  return rows.map(toItem);
}

/** One template of the workspace; another workspace's id (or a malformed one) is `not_found:template`. */
export async function getTemplate(db: Db, workspaceId: string, templateId: string): Promise<TemplateRow> {
  if (!isUuid(templateId)) throw new AppError("not_found:template");
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, templateId)));
  if (!row) throw new AppError("not_found:template");
  return row;
}

/** When the workspace's templates were last read from Meta in full; null when never. */
export async function templatesSyncedAt(db: Db, workspaceId: string): Promise<Date | null> {
  const [row] = await db.select({ at: whatsappChannels.templatesSyncedAt }).from(whatsappChannels).where(eq(whatsappChannels.workspaceId, workspaceId));
  return row?.at ?? null;
}
