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
    <form method="get" action={action} className="flex flex-wrap items-end gap-3">
      <fieldset className="contents">
        <legend className="sr-only">{t("periodLegend")}</legend>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="report-from">{t("from")}</Label>
          <Input id="report-from" name="from" type="date" defaultValue={from} max={to} required className="w-44" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="report-to">{t("to")}</Label>
          <Input id="report-to" name="to" type="date" defaultValue={to} min={from} required className="w-44" />
        </div>
        {fields}
      </fieldset>
      <Button type="submit">{t("apply")}</Button>
      {actions}
    </form>
  );
}
