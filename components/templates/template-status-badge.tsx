"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { isKnownTemplateCategory, isKnownTemplateStatus } from "@/lib/templates/statuses";

/** A template's status in words; only "approved" looks like a go. */
export function TemplateStatusBadge({ status }: { status: string }) {
  const t = useTranslations("templates.status");
  const variant = status === "approved" ? "default" : status === "rejected" || status === "disabled" ? "destructive" : status === "paused" ? "outline" : "secondary";
  return <Badge variant={variant}>{isKnownTemplateStatus(status) ? t(status) : t("other", { status })}</Badge>;
}

export function useCategoryLabel() {
  const t = useTranslations("templates.category");
  return (category: string) => (isKnownTemplateCategory(category) ? t(category) : t("other", { category }));
}
