"use client";

import { useFormatter, useNow } from "next-intl";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The list's timestamp: the time for today, the weekday within the last week,
 * the date before that. Days are compared in the workspace's time zone
 * (next-intl's config), not the browser's.
 */
export function useShortTime(): (iso: string) => string {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const day = (date: Date) => format.dateTime(date, { year: "numeric", month: "2-digit", day: "2-digit" });
  return (iso) => {
    const date = new Date(iso);
    if (day(date) === day(now)) return format.dateTime(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    if (now.getTime() - date.getTime() < 6 * DAY_MS) return format.dateTime(date, { weekday: "short" });
    return format.dateTime(date, { day: "2-digit", month: "2-digit", year: "2-digit" });
  };
}
