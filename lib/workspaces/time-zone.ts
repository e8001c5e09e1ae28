import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { workspaces } from "@/lib/db/schema";
import { FieldErrors } from "@/lib/errors";
import { canonicalTimeZone, isKnownTimeZone, usableTimeZone } from "@/lib/time-zone";

/**
 * Reading and saving the workspace's time zone (`workspaces.time_zone`, lib/time-zone.ts says what it
 * governs). The signed-in member carries it (lib/auth/member.ts reads it with the membership, no extra query).
 */

/** A time zone from a form: a known IANA name, stored as Intl spells it. */
export const timeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, { error: "validation.time_zone", abort: true })
  .transform(canonicalTimeZone);

/** For code that has a workspace id but no member (jobs, the bots engine). */
export async function getWorkspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return usableTimeZone(row?.timeZone);
}

/**
 * Saves the time zone. Postgres must know the name too (reports and filters convert in SQL): its tz
 * database and Intl's are updated separately, so a zone only one of them knows is a field error
 * rather than a report that fails later.
 */
export async function saveWorkspaceTimeZone(db: Db, workspaceId: string, timeZone: string): Promise<void> {
  const known = rowsOf<{ known: boolean }>(await db.execute(sql`select exists (select 1 from pg_timezone_names where name = ${timeZone}) as known`));
  if (!known[0]?.known) throw new FieldErrors({ timeZone: { key: "time_zone" } });
  await db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, workspaceId));
}
