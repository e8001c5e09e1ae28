import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

const MAX_LIMIT = 100;

export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(Math.trunc(limit), 1), MAX_LIMIT);
}

// --- Keyset cursors ---------------------------------------------------------
// A cursor is base64url("<timestamp>|<id>") of the last item of a page. The
// timestamp is Postgres's own text with microseconds: a JavaScript Date keeps
// only milliseconds, and rows written with now() in the same millisecond would
// otherwise be skipped or repeated between pages.

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function preciseTime(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, "utf8").toString("base64url");
}

/** A cursor the client altered or invented is a bad request, never a database error. */
export function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !at || !id || !CURSOR_TIME.test(at) || !isUuid(id)) throw new AppError("bad_request:cursor");
  return { at, id };
}

/** Rows strictly after the cursor in (time desc, id desc) order; a row comparison the btree indexes can seek to. */
export function afterCursor(time: PgColumn, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return sql`(${time}, ${id}) < (${c.at}::timestamptz, ${c.id}::uuid)`;
}

/**
 * (time desc, id desc) spelled as the indexes store it: drizzle's `.desc()`
 * creates them DESC NULLS LAST, while a bare DESC means NULLS FIRST, and
 * Postgres then cannot read the index in order (a full sort of the workspace instead).
 */
export function newestFirst(time: PgColumn, id: PgColumn): SQL[] {
  return [sql`${time} desc nulls last`, sql`${id} desc nulls last`];
}

export function page<R extends { id: string; cursorAt: string }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null };
}
