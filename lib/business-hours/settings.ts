import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getSettings, saveSettings } from "@/lib/settings/stored-section";
import { getWorkspaceTimeZone, saveWorkspaceTimeZone, timeZoneSchema } from "@/lib/workspaces/time-zone";
import { businessHoursSection, type BusinessHours } from "./schedule";

/** What the business-hours screen saves: the schedule and the workspace's time zone it is read in. */
export const businessHoursSaveSchema = businessHoursSection.schema.extend({ timeZone: timeZoneSchema });
export type BusinessHoursSave = z.output<typeof businessHoursSaveSchema>;

/**
 * One transaction: a schedule saved without its time zone (or the other way round) would open the
 * business at the wrong hours until the next save.
 */
export async function saveBusinessHours(db: Db, workspaceId: string, values: BusinessHoursSave, userId: string | null): Promise<void> {
  const { timeZone, ...hours } = values;
  await db.transaction(async (tx) => {
    await saveWorkspaceTimeZone(tx, workspaceId, timeZone);
    await saveSettings(tx, workspaceId, businessHoursSection, hours, userId);
  });
}

/** The schedule and its time zone, for code that has only the workspace id (the away bot). */
export async function loadBusinessHours(db: Db, workspaceId: string): Promise<{ hours: BusinessHours; timeZone: string }> {
  const [hours, timeZone] = await Promise.all([getSettings(db, workspaceId, businessHoursSection), getWorkspaceTimeZone(db, workspaceId)]);
  return { hours, timeZone };
}
