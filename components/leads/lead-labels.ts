import type { LeadSourceRef } from "@/lib/leads/types";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** System sources are shown in the reader's language by key; the stored name is only for custom ones. */
export function sourceLabel(t: Translate, source: Pick<LeadSourceRef, "name" | "systemKey"> | null): string {
  if (!source) return t("leads.noSource");
  return source.systemKey ? t(`settings.leadSources.system.${source.systemKey}`) : source.name;
}

/** Timeline values of source changes come as "system:<key>" for system sources (see lib/leads/queries.ts). */
export function timelineSourceLabel(t: Translate, value: string): string {
  return value.startsWith("system:") ? t(`settings.leadSources.system.${value.slice("system:".length)}`) : value;
}

export function formatMoney(value: string | null, locale: string): string {
  if (value === null) return "";
  return new Intl.NumberFormat(locale, { style: "currency", currency: "BRL" }).format(Number(value));
}
