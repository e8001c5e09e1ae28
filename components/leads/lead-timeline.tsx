import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import type { LeadTimelineEntry } from "@/lib/leads/types";
import { formatMoney, timelineSourceLabel } from "./lead-labels";

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** Stored values shown the way the fields show them: statuses and outcomes translated, money formatted, tags listed. */
function display(t: Translate, locale: string, kind: string, value: string | null): string {
  if (value === null || value === "") return t("leads.timeline.empty");
  switch (kind) {
    case "status":
      return t(`leads.status.${value}` as never);
    case "outcome":
      return t(`leads.outcome.${value}` as never);
    case "source":
      return timelineSourceLabel((key) => t(key as never), value);
    case "value":
      return formatMoney(value, locale);
    case "tags":
      try {
        return (JSON.parse(value) as string[]).join(", ");
      } catch {
        return value;
      }
    case "notes":
      return value.length > 80 ? `${value.slice(0, 80)}…` : value;
    default:
      return value;
  }
}

export async function LeadTimeline({ events }: { events: LeadTimelineEntry[] }) {
  // The request's time zone is the workspace's (lib/i18n/request.ts).
  const [t, locale, timeZone] = await Promise.all([getTranslations(), getLocale(), getTimeZone()]);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone });
  return (
    <section aria-labelledby="lead-timeline-title" className="grid content-start gap-3 self-start rounded-lg border p-4">
      <h2 id="lead-timeline-title" className="text-base font-semibold">
        {t("leads.timeline.title")}
      </h2>
      <ol className="grid gap-3 border-l pl-4">
        {[...events].reverse().map((entry) => (
          <li key={entry.id} className="text-sm">
            <p className="font-medium">{t(`leads.timeline.kind.${entry.kind}` as never)}</p>
            {entry.kind !== "created" && (
              <p className="break-words text-muted-foreground">
                {t("leads.timeline.change", { from: display(t, locale, entry.kind, entry.from), to: display(t, locale, entry.kind, entry.to) })}
              </p>
            )}
            <p className="text-xs text-muted-foreground">
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
              {" · "}
              {entry.actor ? t("leads.timeline.by", { name: entry.actor.name }) : t("leads.timeline.automatic")}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
