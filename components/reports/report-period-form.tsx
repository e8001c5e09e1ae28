import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * A plain GET form: the period lives in the URL (?from=&to=), so a report
 * can be bookmarked or shared, and it works before any JavaScript loads.
 */
export async function ReportPeriodForm({
  action,
  from,
  to,
  fields,
  actions,
}: {
  action: string;
  from: string;
  to: string;
  /** More inputs of the same form (e.g. the grouping of the leads report). */
  fields?: React.ReactNode;
  /** More buttons or links beside "Show". */
  actions?: React.ReactNode;
}) {
  const t = await getTranslations("reports.agents");
  return (
    // Two columns on a phone (the dates side by side), one row from sm up.
    <form method="get" action={action} className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
      <fieldset className="contents">
        <legend className="sr-only">{t("periodLegend")}</legend>
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="report-from">{t("from")}</Label>
          <Input id="report-from" name="from" type="date" defaultValue={from} max={to} required className="sm:w-44" />
        </div>
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="report-to">{t("to")}</Label>
          <Input id="report-to" name="to" type="date" defaultValue={to} min={from} required className="sm:w-44" />
        </div>
        {fields}
      </fieldset>
      <div className="col-span-2 flex flex-wrap gap-2 sm:contents">
        <Button type="submit">{t("apply")}</Button>
        {actions}
      </div>
    </form>
  );
}
