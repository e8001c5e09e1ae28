import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { contactLabel, formatPhone } from "@/components/inbox/contact-format";
import { Badge } from "@/components/ui/badge";
import { cardTable } from "@/components/ui/card-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LeadListItem } from "@/lib/leads/types";
import { cn } from "@/lib/utils";
import { formatMoney, sourceLabel } from "./lead-labels";

const COLUMNS = ["contact", "status", "source", "assignee", "tags", "value", "created"] as const;

/** Below 42rem of room (a phone) each lead is a card; wider, a table. */
export async function LeadTable({ items }: { items: LeadListItem[] }) {
  // The request's time zone is the workspace's (lib/i18n/request.ts): the created day matches the date filter's.
  const [t, locale, timeZone] = await Promise.all([getTranslations(), getLocale(), getTimeZone()]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeZone });
  if (items.length === 0) return <p className="py-10 text-center text-sm text-muted-foreground">{t("leads.empty")}</p>;
  const label = (column: (typeof COLUMNS)[number]) => t(`leads.table.${column}`);
  const cell = cn(cardTable.cell, cardTable.labelled);
  return (
    <div className={cardTable.container}>
      <Table className={cardTable.table}>
        <TableCaption className="sr-only">{t("leads.table.caption")}</TableCaption>
        <TableHeader className={cardTable.header}>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableHead key={column}>{label(column)}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody className={cardTable.body}>
          {items.map((lead) => (
            <TableRow key={lead.id} className={cardTable.row}>
              <TableCell className={cn(cardTable.cell, cardTable.full, "@max-2xl:pr-28")}>
                <Link href={`/leads/${lead.id}`} className="font-medium hover:underline @max-2xl:text-base">
                  {contactLabel(lead.contact)}
                </Link>
                {lead.contact.name && <p className="text-xs text-muted-foreground">{formatPhone(lead.contact.waId)}</p>}
              </TableCell>
              <TableCell className={cn(cardTable.cell, "@max-2xl:absolute @max-2xl:top-3 @max-2xl:right-3 @max-2xl:max-w-28 @max-2xl:text-right")}>
                <Badge variant={lead.status === "closed" ? "secondary" : "default"}>{t(`leads.status.${lead.status}`)}</Badge>
                {lead.outcome && <span className="ml-1 text-xs text-muted-foreground">{t(`leads.outcome.${lead.outcome}`)}</span>}
              </TableCell>
              <TableCell data-label={label("source")} className={cell}>
                {sourceLabel(t, lead.source)}
              </TableCell>
              <TableCell data-label={label("assignee")} className={cell}>
                {lead.assignee?.name ?? t("leads.unassigned")}
              </TableCell>
              <TableCell data-label={label("tags")} className={cn(cell, cardTable.full, "max-w-48 @max-2xl:max-w-none", lead.tags.length === 0 && "@max-2xl:hidden")}>
                <span className="flex flex-wrap gap-1">
                  {lead.tags.map((tag) => (
                    <Badge key={tag} variant="outline" className="max-w-full truncate">
                      {tag}
                    </Badge>
                  ))}
                </span>
              </TableCell>
              <TableCell data-label={label("value")} className={cn(cell, lead.value === null && "@max-2xl:hidden")}>
                {formatMoney(lead.value, locale)}
              </TableCell>
              <TableCell data-label={label("created")} className={cell}>
                {date.format(new Date(lead.createdAt))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
