"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";
import { NativeSelect } from "@/components/ui/native-select";
import { Badge } from "@/components/ui/badge";
import { fieldAria, FormField } from "@/components/ui/form-field";
import type { TimeZoneGroup, TimeZoneOption } from "@/lib/workspaces/time-zone-options";
import { HolidaysEditor, type EditedHoliday } from "./business-hours-holidays";
import { flattenWeek, WeekEditor, type EditedWeek } from "./business-hours-week";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

type Initial = {
  intervals: { day: number; start: string; end: string }[];
  holidays: { date: string; name: string }[];
  timeZone: string;
};

/** The saved values as rows the editors key by id. */
function editable(initial: Initial): { week: EditedWeek; holidays: EditedHoliday[]; lastId: number } {
  let id = 0;
  const week = Array.from({ length: 7 }, (_, day) =>
    initial.intervals.filter((interval) => interval.day === day).map(({ start, end }) => ({ id: ++id, start, end })),
  );
  const holidays = initial.holidays.map((holiday) => ({ id: ++id, ...holiday }));
  return { week, holidays, lastId: id };
}

const TICK_MS = 30_000;
const subscribeToTicks = (onTick: () => void) => {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
};
// A number that changes every tick (a stable snapshot); null on the server, whose clock is not the browser's.
const currentTick = () => Math.floor(Date.now() / TICK_MS);
const noTick = () => null;

/** The wall clock in the zone, refreshed every 30 s; null until hydrated. */
function useLocalClock(timeZone: string): string | null {
  const locale = useLocale();
  const tick = useSyncExternalStore(subscribeToTicks, currentTick, noTick);
  if (tick === null) return null;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: "long", hour: "2-digit", minute: "2-digit" }).format(new Date());
  } catch {
    return null;
  }
}

export function BusinessHoursForm(props: {
  initial: Initial;
  /** Whether the business is open now by the saved schedule (what the bots go by). */
  openNow: boolean;
  timeZones: { utc: TimeZoneOption; groups: TimeZoneGroup[] };
}) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("business-hours");
  const [start] = useState(() => editable(props.initial));
  // Rows added later get ids after the initial ones (in event handlers only).
  const lastId = useRef(start.lastId);
  const newId = () => ++lastId.current;
  const [timeZone, setTimeZone] = useState(props.initial.timeZone);
  const [week, setWeek] = useState<EditedWeek>(start.week);
  const [holidays, setHolidays] = useState<EditedHoliday[]>(start.holidays);
  const clock = useLocalClock(timeZone);

  return (
    <SettingsFormCard
      title={t("sections.business-hours.title")}
      description={t("sections.business-hours.description")}
      pending={pending}
      onSave={() =>
        save({ timeZone, intervals: flattenWeek(week), holidays: holidays.map(({ date, name }) => ({ date, name })) }, () =>
          // The saved list comes back sorted by date, once per date.
          setHolidays((current) => {
            const seen = new Set<string>();
            return current.filter((h) => !seen.has(h.date) && seen.add(h.date)).sort((a, b) => a.date.localeCompare(b.date));
          }),
        )
      }
    >
      <div className="flex flex-wrap items-center gap-2" role="status">
        <Badge variant={props.openNow ? "default" : "secondary"}>{props.openNow ? t("businessHours.openNow") : t("businessHours.closedNow")}</Badge>
        <span className="text-sm text-muted-foreground">{t("businessHours.statusHelp")}</span>
      </div>
      <FormField
        id="business-hours-time-zone"
        label={t("businessHours.timeZone")}
        description={clock ? t("businessHours.localTime", { time: clock }) : t("businessHours.timeZoneHelp")}
        error={errors.timeZone}
      >
        <NativeSelect
          {...fieldAria("business-hours-time-zone", errors.timeZone, true)}
          className="max-w-md"
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
        >
          <option value={props.timeZones.utc.value}>{props.timeZones.utc.label}</option>
          {props.timeZones.groups.map((group) => (
            <optgroup key={group.region} label={group.region}>
              {group.zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>
      </FormField>
      <WeekEditor week={week} onChange={setWeek} newId={newId} errors={errors} />
      <HolidaysEditor holidays={holidays} onChange={setHolidays} newId={newId} errors={errors} />
    </SettingsFormCard>
  );
}
