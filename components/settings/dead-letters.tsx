import { getFormatter, getTranslations } from "next-intl/server";
import { DEAD_LETTER_REASONS } from "@/lib/inbox/dead-letter-reasons";
import type { DeadLetterItem } from "@/lib/inbox/dead-letters";
import { RawJsonBox } from "./raw-json-box";

/** The reason code in words; `database:<sqlstate>` names the code, an unknown code is shown as it is. */
async function reasonText(reason: string) {
  const t = await getTranslations("deadLetters.reasons");
  const [kind, detail] = reason.split(/:(.*)/s) as [string, string | undefined];
  if (!(DEAD_LETTER_REASONS as readonly string[]).includes(kind)) return t("unknown", { reason });
  return kind === "database" ? t("database", { code: detail ?? "" }) : t(kind as Exclude<(typeof DEAD_LETTER_REASONS)[number], "database">);
}

export async function DeadLetterList({ items }: { items: DeadLetterItem[] }) {
  const t = await getTranslations("deadLetters");
  const format = await getFormatter();
  if (!items.length) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <ul aria-label={t("list")} className="grid gap-3">
      {await Promise.all(
        items.map(async (item) => {
          const when = format.dateTime(new Date(item.receivedAt), { dateStyle: "short", timeStyle: "medium" });
          return (
            <li key={item.id} className="grid min-w-0 gap-2 rounded-md border p-3">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <time dateTime={item.receivedAt} className="text-sm font-medium">
                  {when}
                </time>
                <code className="text-xs text-muted-foreground">{item.reason}</code>
              </div>
              <p className="text-sm">{await reasonText(item.reason)}</p>
              <RawJsonBox
                raw={item.raw}
                downloadHref={`/api/settings/dead-letters/${item.id}`}
                label={t("rawLabel", { time: when })}
                truncatedNote={item.rawLength > item.raw.length ? t("truncated", { shown: format.number(item.raw.length), total: format.number(item.rawLength) }) : null}
              />
            </li>
          );
        }),
      )}
    </ul>
  );
}
