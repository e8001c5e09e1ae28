"use client";

import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState } from "react";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { SCOPES, STATUSES, type ListFilter } from "./list-filter";

type Props = { filter: ListFilter; onChange: (next: Partial<ListFilter>) => void };

export function ConversationFilters({ filter, onChange }: Props) {
  const t = useTranslations("inbox.list");
  return (
    <div className="flex flex-col gap-2">
      <SearchBox value={filter.q} onSearch={(q) => onChange({ q })} />
      <div className="flex flex-wrap items-center gap-2">
        {/* Native radios: arrow keys, form semantics and the accessible names come for free. */}
        {/* Wide enough for "Sem responsável" in one piece; the status select wraps below when the pane is narrow. */}
        <fieldset className="flex min-w-60 flex-1 rounded-md border p-0.5">
          <legend className="sr-only">{t("scopeLabel")}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="flex-auto">
              <input
                type="radio"
                name="inbox-scope"
                value={scope}
                checked={filter.scope === scope}
                onChange={() => onChange({ scope })}
                className="peer sr-only"
              />
              <span
                className={cn(
                  "block cursor-pointer truncate rounded px-2 py-1 text-center text-xs font-medium text-muted-foreground",
                  "peer-checked:bg-primary peer-checked:text-primary-foreground peer-focus-visible:ring-2 peer-focus-visible:ring-ring/50",
                  filter.scope !== scope && "hover:bg-accent",
                )}
              >
                {t(`scope.${scope}`)}
              </span>
            </label>
          ))}
        </fieldset>
        <NativeSelect value={filter.status} onChange={({ target: { value: status } }) => onChange({ status: status as ListFilter["status"] })} aria-label={t("statusLabel")} className="h-8 w-32 shrink-0">
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}

/** Typing updates the URL 300 ms after the last key, so each keystroke does not hit the server. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const t = useTranslations("inbox.list");
  const [text, setText] = useState(value);
  const search = useEffectEvent(onSearch);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === value) return;
    const timer = setTimeout(() => search(trimmed), 300);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="relative">
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input
        type="search"
        aria-label={t("search")}
        placeholder={t("searchPlaceholder")}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="pl-8"
        autoComplete="off"
        enterKeyHint="search"
      />
    </div>
  );
}
