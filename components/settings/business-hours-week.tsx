"use client";

import { Copy, Plus, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { INTERVALS_MAX, WEEKDAYS } from "@/lib/business-hours/limits";
import { cn } from "@/lib/utils";

export type EditedInterval = { id: number; start: string; end: string };
/** One list of intervals per weekday, Sunday (0) first. */
export type EditedWeek = EditedInterval[][];

/** The schedule's intervals in the order the form sends them: day by day, then as listed. */
export function flattenWeek(week: EditedWeek) {
  return week.flatMap((intervals, day) => intervals.map(({ start, end }) => ({ day, start, end })));
}

// 1 March 2026 is a Sunday: day d is the (1 + d)th. In the member's language, lower case as inside a sentence.
const weekdayName = (locale: string, day: number) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 2, 1 + day)));
// "segunda-feira" heads its row as "Segunda-feira" (CSS capitalize would make it "Segunda-Feira").
const headed = (name: string) => name.charAt(0).toLocaleUpperCase() + name.slice(1);

/**
 * The weekly schedule: each day closed or with intervals. Errors come keyed as the schedule's
 * flattened list ("intervals.3.end"), so each interval finds its own by its place in that list.
 */
export function WeekEditor(props: {
  week: EditedWeek;
  onChange: (week: EditedWeek) => void;
  newId: () => number;
  errors: Record<string, string>;
}) {
  const t = useTranslations("settings.businessHours");
  const locale = useLocale();
  const { week, onChange, newId, errors } = props;
  const total = week.reduce((sum, day) => sum + day.length, 0);
  const full = total >= INTERVALS_MAX;
  // Where each day's intervals start in the flattened list the errors are keyed by.
  const offsets = week.map((_, day) => week.slice(0, day).reduce((sum, intervals) => sum + intervals.length, 0));

  const setDay = (day: number, intervals: EditedInterval[]) => onChange(week.map((current, d) => (d === day ? intervals : current)));
  const copyMonday = () => onChange(week.map((current, d) => (d >= 2 && d <= 5 ? week[1]!.map((i) => ({ ...i, id: newId() })) : current)));
  const mondayFitsWeekdays = total - week.slice(2, 6).reduce((sum, day) => sum + day.length, 0) + 4 * week[1]!.length <= INTERVALS_MAX;

  return (
    <fieldset className="grid min-w-0 gap-3" aria-describedby="business-hours-week-help">
      <legend className="mb-1 text-sm font-medium">{t("week")}</legend>
      <p id="business-hours-week-help" className="text-sm text-muted-foreground">
        {t("weekHelp")}
      </p>
      {/* minmax(0, 1fr): a day's row shrinks to a phone's width instead of growing to its time inputs' natural width. */}
      <ul className="grid grid-cols-[minmax(0,1fr)] divide-y rounded-md border">
        {WEEKDAYS.map((day) => {
          const name = weekdayName(locale, day);
          const intervals = week[day]!;
          return (
            <li key={day} className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2 p-3 sm:grid-cols-[8.5rem_minmax(0,1fr)] sm:items-start">
              <p className="pt-1.5 text-sm font-medium">{headed(name)}</p>
              <div className="grid min-w-0 gap-2">
                {intervals.length === 0 && <p className="pt-1.5 text-sm text-muted-foreground">{t("closed")}</p>}
                {intervals.map((interval, position) => {
                  const at = offsets[day]! + position;
                  const n = position + 1;
                  const startError = errors[`intervals.${at}.start`];
                  const endError = errors[`intervals.${at}.end`];
                  const errorId = `business-hours-interval-${day}-${n}-error`;
                  const update = (change: Partial<EditedInterval>) => setDay(day, intervals.map((i) => (i.id === interval.id ? { ...i, ...change } : i)));
                  return (
                    <div key={interval.id} className="grid gap-1">
                      {/* Chromium's time input keeps its natural width in a flex row: fixed widths fit two and the button in 360 px. */}
                      <div className="flex items-center gap-1.5 sm:gap-2">
                        <Input
                          type="time"
                          className="w-[6.5rem] shrink-0 sm:w-32"
                          aria-label={t("intervalStart", { day: headed(name), n })}
                          aria-invalid={startError ? true : undefined}
                          aria-describedby={startError ? errorId : undefined}
                          value={interval.start}
                          onChange={(event) => update({ start: event.target.value })}
                        />
                        <span aria-hidden="true">–</span>
                        <Input
                          type="time"
                          className="w-[6.5rem] shrink-0 sm:w-32"
                          aria-label={t("intervalEnd", { day: headed(name), n })}
                          aria-invalid={endError ? true : undefined}
                          aria-describedby={endError ? errorId : undefined}
                          value={interval.end}
                          onChange={(event) => update({ end: event.target.value })}
                        />
                        <Button
                          type="button"
                          variant="ghost"
                          size="icon"
                          className="ml-auto shrink-0"
                          aria-label={t("removeInterval", { day: name, n })}
                          onClick={() => setDay(day, intervals.filter((i) => i.id !== interval.id))}
                        >
                          <X aria-hidden="true" />
                        </Button>
                      </div>
                      {interval.end !== "" && interval.end <= interval.start && (
                        <p className="text-xs text-muted-foreground">{interval.start === "00:00" && interval.end === "00:00" ? t("wholeDay") : t("nextDay")}</p>
                      )}
                      {(startError || endError) && (
                        <p id={errorId} role="alert" className="text-sm text-destructive">
                          {startError ?? endError}
                        </p>
                      )}
                    </div>
                  );
                })}
                <div className="flex flex-wrap gap-2">
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    disabled={full}
                    aria-label={t("addIntervalTo", { day: name })}
                    onClick={() => setDay(day, [...intervals, { id: newId(), start: intervals.length ? "" : "08:00", end: intervals.length ? "" : "18:00" }])}
                  >
                    <Plus aria-hidden="true" />
                    {t("addInterval")}
                  </Button>
                  {day === 1 && (
                    <Button type="button" variant="ghost" size="sm" disabled={!mondayFitsWeekdays} onClick={copyMonday}>
                      <Copy aria-hidden="true" />
                      {t("copyMonday")}
                    </Button>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <p className={cn("text-xs text-muted-foreground", errors.intervals && "text-destructive")} role={errors.intervals ? "alert" : undefined}>
        {errors.intervals ?? t("intervalsLimit", { max: INTERVALS_MAX })}
      </p>
    </fieldset>
  );
}
