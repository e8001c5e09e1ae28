import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LEAD_STATUSES } from "@/lib/leads/types";
import { sourceLabel } from "./lead-labels";
import { NativeSelect } from "@/components/ui/native-select";

export type LeadFilterValues = {
  view: "list" | "board";
  status?: string;
  sourceId?: string;
  assigneeUserId?: string;
  tag?: string;
  createdFrom?: string;
  createdTo?: string;
  search?: string;
};

type Props = {
  values: LeadFilterValues;
  sources: { id: string; name: string; systemKey: string | null; archived: boolean }[];
  members: { userId: string; name: string }[];
};

/** A GET form: the filters live in the URL, so a filtered list can be bookmarked, shared and reloaded. */
export async function LeadFilters({ values, sources, members }: Props) {
  const t = await getTranslations();
  const f = (key: string) => t(`leads.filters.${key}`);
  return (
    <form method="get" action="/leads" aria-label={f("legend")} className="grid grid-cols-2 gap-3 rounded-lg border p-3 sm:p-4 lg:grid-cols-4">
      {values.view === "board" && <input type="hidden" name="view" value="board" />}
      <div className="col-span-2 grid gap-1.5">
        <Label htmlFor="lead-search">{f("search")}</Label>
        <Input id="lead-search" type="search" name="q" defaultValue={values.search ?? ""} />
      </div>
      {values.view === "list" && (
        <div className="grid min-w-0 gap-1.5">
          <Label htmlFor="lead-status">{f("status")}</Label>
          <NativeSelect id="lead-status" name="status" defaultValue={values.status ?? ""}>
            <option value="">{f("all")}</option>
            {LEAD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`leads.status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="lead-source">{f("source")}</Label>
        <NativeSelect id="lead-source" name="source" defaultValue={values.sourceId ?? ""}>
          <option value="">{f("all")}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.archived ? t("leads.archivedSource", { name: sourceLabel(t, source) }) : sourceLabel(t, source)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="lead-assignee">{f("assignee")}</Label>
        <NativeSelect id="lead-assignee" name="assignee" defaultValue={values.assigneeUserId ?? ""}>
          <option value="">{f("all")}</option>
          <option value="none">{t("leads.unassigned")}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="lead-tag">{f("tag")}</Label>
        <Input id="lead-tag" name="tag" defaultValue={values.tag ?? ""} />
      </div>
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="lead-from">{f("createdFrom")}</Label>
        <Input id="lead-from" type="date" name="from" defaultValue={values.createdFrom ?? ""} />
      </div>
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="lead-to">{f("createdTo")}</Label>
        <Input id="lead-to" type="date" name="to" defaultValue={values.createdTo ?? ""} />
      </div>
      <div className="col-span-2 flex flex-wrap items-end gap-2 lg:col-span-4">
        <Button type="submit">{f("apply")}</Button>
        <Button asChild variant="ghost">
          <Link href={values.view === "board" ? "/leads?view=board" : "/leads"}>{f("clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
