"use client";

import { useTranslations } from "next-intl";
import { cardTable } from "@/components/ui/card-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { parseComponents, renderTemplate } from "@/lib/templates/model";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";
import { TemplatePreview } from "./template-preview";
import { TemplateStatusBadge, useCategoryLabel } from "./template-status-badge";

/** The workspace's templates: a table on a wide screen, cards on a phone (one markup, components/ui/card-table.ts). */
export function TemplatesTable({ items }: { items: TemplateListItem[] }) {
  const t = useTranslations("templates.settings");
  const categoryLabel = useCategoryLabel();
  const cell = cn(cardTable.cell, cardTable.labelled, "align-top");
  return (
    <div className={cardTable.container}>
      <Table className={cardTable.table}>
        <TableCaption className="sr-only">{t("tableCaption")}</TableCaption>
        <TableHeader className={cardTable.header}>
          <TableRow>
            <TableHead>{t("columns.name")}</TableHead>
            <TableHead>{t("columns.language")}</TableHead>
            <TableHead>{t("columns.category")}</TableHead>
            <TableHead>{t("columns.status")}</TableHead>
            <TableHead>{t("columns.preview")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody className={cardTable.body}>
          {items.map((item) => (
            <TableRow key={item.id} className={cardTable.row}>
              <TableCell className={cn(cardTable.cell, cardTable.full, "max-w-56 min-w-32 align-top font-medium [overflow-wrap:anywhere] whitespace-normal @max-2xl:max-w-none")}>
                {item.name}
              </TableCell>
              <TableCell data-label={t("columns.language")} className={cell}>
                <span className="font-mono text-xs">{item.language}</span>
              </TableCell>
              <TableCell data-label={t("columns.category")} className={cell}>
                {categoryLabel(item.category)}
              </TableCell>
              <TableCell data-label={t("columns.status")} className={cn(cell, "whitespace-normal")}>
                <div className="grid justify-items-start gap-1">
                  <TemplateStatusBadge status={item.status} />
                  {item.statusReason && <span className="text-xs break-words text-muted-foreground">{t("reason", { reason: item.statusReason })}</span>}
                </div>
              </TableCell>
              <TableCell data-label={t("columns.preview")} className={cn(cell, cardTable.full, "min-w-56 max-w-96 whitespace-normal @max-2xl:max-w-none")}>
                <TemplatePreview rendered={renderTemplate(parseComponents(item.components), { params: {} }, { placeholders: true })} className="rounded-md border bg-muted/30 p-2" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
