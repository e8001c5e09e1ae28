import { z } from "zod";
import { defineStoredSection } from "@/lib/settings/stored-section";
import { HOLIDAY_NAME_MAX, HOLIDAYS_MAX, INTERVALS_MAX } from "./limits";

export { canonicalTimeZone, isKnownTimeZone } from "@/lib/time-zone";
export { WEEKDAYS, INTERVALS_MAX, HOLIDAYS_MAX, HOLIDAY_NAME_MAX } from "./limits";

/**
 * Business hours: a weekly schedule of opening intervals and a list of
 * holidays, read in the workspace's time zone (`workspaces.time_zone`).
 * An interval whose end is not after its start runs past midnight into the
 * next day ("22:00"–"02:00"); "00:00"–"00:00" is the whole day. An interval
 * belongs to the day it starts on: a holiday closes the intervals that start
 * on it, and an interval that started the evening before still runs into it.
 */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const time = z.string().regex(HHMM, { error: "validation.invalid_time" });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.invalid_date", abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: "validation.invalid_date",
  });

// Not coerced: "" or null would otherwise read as Sunday.
export const intervalSchema = z.object({ day: z.number().int().min(0).max(6), start: time, end: time });
// Postgres refuses NUL in text and a name is one line: a field error rather than a failed save.
const holidayName = z
  .string()
  .trim()
  .max(HOLIDAY_NAME_MAX)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "validation.control_character" })
  .default("");
export const holidaySchema = z.object({ date: isoDate, name: holidayName });

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" }));

export const businessHoursSection = defineStoredSection({
  key: "business-hours",
  schema: z.object({
    intervals: z.array(intervalSchema).max(INTERVALS_MAX).default(MONDAY_TO_FRIDAY),
    holidays: z
      .array(holidaySchema)
      .max(HOLIDAYS_MAX)
      .default([])
      .transform((list) => {
        const seen = new Set<string>();
        return list.filter((holiday) => !seen.has(holiday.date) && seen.add(holiday.date)).sort((a, b) => a.date.localeCompare(b.date));
      }),
  }),
});

export type BusinessHours = z.output<typeof businessHoursSection.schema>;
export type OpeningInterval = z.output<typeof intervalSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `instant`: its date, weekday and minute of the day. */
export function localTime(instant: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_INDEX[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The calendar date before `date` (YYYY-MM-DD). */
function previousDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** Whether the business is open at `instant` by its schedule and holidays, in `timeZone`. */
export function isOpenAt(hours: BusinessHours, timeZone: string, instant: Date): boolean {
  const now = localTime(instant, timeZone);
  const holidays = new Set(hours.holidays.map((holiday) => holiday.date));
  const yesterday = (now.weekday + 6) % 7;
  return hours.intervals.some(({ day, start, end }) => {
    const from = minutesOf(start);
    const to = minutesOf(end);
    const crossesMidnight = to <= from;
    if (day === now.weekday && !holidays.has(now.date)) {
      if (now.minutes >= from && (crossesMidnight || now.minutes < to)) return true;
    }
    // Yesterday's interval that runs past midnight into today.
    if (crossesMidnight && day === yesterday && !holidays.has(previousDate(now.date))) {
      if (now.minutes < to) return true;
    }
    return false;
  });
}
