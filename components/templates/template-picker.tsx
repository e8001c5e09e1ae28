"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { TemplateListItem } from "@/lib/templates/queries";
import { isSendable } from "@/lib/templates/statuses";
import { TemplateStatusBadge, useCategoryLabel } from "./template-status-badge";

/**
 * Chooses a template: search by name or language; the approved ones can be
 * chosen, the others are listed disabled with their status, so an agent
 * sees why the template they expected cannot be sent.
 */
export function TemplatePicker({ templates, onChoose }: { templates: TemplateListItem[]; onChoose: (template: TemplateListItem) => void }) {
  const t = useTranslations("templates.picker");
  const categoryLabel = useCategoryLabel();
  const [search, setSearch] = useState("");
  const searchId = useId();
  const needle = search.trim().toLowerCase();
  const shown = templates
    .filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.language.toLowerCase().includes(needle))
    // Sendable first: that is what the agent came for.
    .sort((a, b) => Number(isSendable(b.status)) - Number(isSendable(a.status)));
  return (
    <div className="grid min-w-0 gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor={searchId}>{t("searchLabel")}</Label>
        <Input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t("searchPlaceholder")} maxLength={100} autoComplete="off" />
      </div>
      {templates.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noMatch")}</p>
      ) : (
        <ul aria-label={t("listLabel")} className="grid max-h-[50dvh] gap-1.5 overflow-y-auto pr-1">
          {shown.map((item) => {
            const sendable = isSendable(item.status);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  disabled={!sendable}
                  onClick={() => onChoose(item)}
                  aria-label={sendable ? t("choose", { name: item.name, language: item.language }) : t("notSendable", { name: item.name, language: item.language })}
                  className="flex w-full min-w-0 items-center gap-2 rounded-md border px-3 py-2 text-left hover:bg-accent disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:bg-transparent"
                >
                  <span className="grid min-w-0 flex-1 gap-0.5">
                    <span className="truncate font-medium">{item.name}</span>
                    <span className="text-xs text-muted-foreground">
                      <span className="font-mono">{item.language}</span> · {categoryLabel(item.category)}
                    </span>
                  </span>
                  <TemplateStatusBadge status={item.status} />
                  {sendable && <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
