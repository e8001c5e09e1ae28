import { z } from "zod";

// Reports count calendar days where the business is: the workspace's time zone (the member carries it).
export const DEFAULT_PERIOD_DAYS = 7;
/** A longer period is refused (falls back to the default): the report scans every message in it. */
export const MAX_PERIOD_DAYS = 366;

export type ReportPeriodDays = {
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  /** The instant the first day starts in the report's time zone. */
  start: Date;
  /** The instant the day after the last one starts: the period is [start, end). */
  end: Date;
  /** The time zone the days are counted in. */
  timeZone: string;
};

const day = z.iso.date();
const DAY_MS = 86_400_000;

function firstValue(value: string | string[] | undefined): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

/** Today's calendar date in the time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in the zone (checked twice, in case the offset changes that day). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let instant = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  instant = midnightUtc - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/**
 * The period from the page's `from`/`to` search parameters (calendar days,
 * both inclusive) in the workspace's time zone. A missing or malformed day falls back to the default
 * (the last 7 days, today included); an inverted or too long range falls
 * back entirely. Never throws: a bad link still shows a report.
 */
export function parseReportPeriod(
  params: Record<string, string | string[] | undefined>,
  timeZone: string,
  now: Date = new Date(),
): ReportPeriodDays {
  const today = todayIn(timeZone, now);
  const defaults = { from: addDays(today, 1 - DEFAULT_PERIOD_DAYS), to: today };
  const from = day.safeParse(firstValue(params.from));
  const to = day.safeParse(firstValue(params.to));
  let chosen = { from: from.success ? from.data : defaults.from, to: to.success ? to.data : defaults.to };
  const span = daysBetween(chosen.from, chosen.to);
  if (!(span >= 0 && span < MAX_PERIOD_DAYS)) chosen = defaults;
  return {
    ...chosen,
    start: startOfDayIn(chosen.from, timeZone),
    end: startOfDayIn(addDays(chosen.to, 1), timeZone),
    timeZone,
  };
}
