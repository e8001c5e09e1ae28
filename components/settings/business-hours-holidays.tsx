"use client";

import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { HOLIDAY_NAME_MAX, HOLIDAYS_MAX } from "@/lib/business-hours/limits";

export type EditedHoliday = { id: number; date: string; name: string };

/** Holidays: closed all day (the saved list comes back sorted by date). Errors are keyed "holidays.<index>.<field>". */
export function HolidaysEditor(props: {
  holidays: EditedHoliday[];
  onChange: (holidays: EditedHoliday[]) => void;
  newId: () => number;
  errors: Record<string, string>;
}) {
  const t = useTranslations("settings.businessHours");
  const { holidays, onChange, newId, errors } = props;
  const update = (id: number, change: Partial<EditedHoliday>) => onChange(holidays.map((h) => (h.id === id ? { ...h, ...change } : h)));

  return (
    <fieldset className="grid min-w-0 gap-3" aria-describedby="business-hours-holidays-help">
      <legend className="mb-1 text-sm font-medium">{t("holidays")}</legend>
      <p id="business-hours-holidays-help" className="text-sm text-muted-foreground">
        {t("holidaysHelp")}
      </p>
      {holidays.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noHolidays")}</p>
      ) : (
        <ul className="grid grid-cols-[minmax(0,1fr)] gap-3">
          {holidays.map((holiday, index) => {
            const n = index + 1;
            const dateError = errors[`holidays.${index}.date`];
            const nameError = errors[`holidays.${index}.name`];
            const errorId = `business-hours-holiday-${holiday.id}-error`;
            return (
              <li key={holiday.id} className="grid gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Input
                    type="date"
                    className="w-40"
                    aria-label={t("holidayDate", { n })}
                    aria-invalid={dateError ? true : undefined}
                    aria-describedby={dateError || nameError ? errorId : undefined}
                    value={holiday.date}
                    onChange={(event) => update(holiday.id, { date: event.target.value })}
                  />
                  <Input
                    className="min-w-0 flex-1 basis-40"
                    aria-label={t("holidayName", { n })}
                    placeholder={t("holidayNamePlaceholder")}
                    maxLength={HOLIDAY_NAME_MAX}
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={dateError || nameError ? errorId : undefined}
                    value={holiday.name}
                    onChange={(event) => update(holiday.id, { name: event.target.value })}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={t("removeHoliday", { n })}
                    onClick={() => onChange(holidays.filter((h) => h.id !== holiday.id))}
                  >
                    <X aria-hidden="true" />
                  </Button>
                </div>
                {(dateError || nameError) && (
                  <p id={errorId} role="alert" className="text-sm text-destructive">
                    {dateError ?? nameError}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {errors.holidays && (
        <p role="alert" className="text-sm text-destructive">
          {errors.holidays}
        </p>
      )}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={holidays.length >= HOLIDAYS_MAX}
          onClick={() => onChange([...holidays, { id: newId(), date: "", name: "" }])}
        >
          <Plus aria-hidden="true" />
          {t("addHoliday")}
        </Button>
      </div>
    </fieldset>
  );
}
