import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { contactLabel, formatPhone } from "@/components/inbox/contact-format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LeadListItem } from "@/lib/leads/types";
import { formatMoney, sourceLabel } from "./lead-labels";

export async function LeadTable({ items }: { items: LeadListItem[] }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeZone: "America/Sao_Paulo" });
  if (items.length === 0) return <p className="py-10 text-center text-sm text-muted-foreground">{t("leads.empty")}</p>;
  return (
    <Table>
      <TableCaption className="sr-only">{t("leads.table.caption")}</TableCaption>
      <TableHeader>
        <TableRow>
          {(["contact", "status", "source", "assignee", "tags", "value", "created"] as const).map((column) => (
            <TableHead key={column}>{t(`leads.table.${column}`)}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((lead) => (
          <TableRow key={lead.id}>
            <TableCell>
              <Link href={`/leads/${lead.id}`} className="font-medium hover:underline">
                {contactLabel(lead.contact)}
              </Link>
              {lead.contact.name && <p className="text-xs text-muted-foreground">{formatPhone(lead.contact.waId)}</p>}
            </TableCell>
            <TableCell>
              <Badge variant={lead.status === "closed" ? "secondary" : "default"}>{t(`leads.status.${lead.status}`)}</Badge>
              {lead.outcome && <span className="ml-1 text-xs text-muted-foreground">{t(`leads.outcome.${lead.outcome}`)}</span>}
            </TableCell>
            <TableCell>{sourceLabel(t, lead.source)}</TableCell>
            <TableCell>{lead.assignee?.name ?? t("leads.unassigned")}</TableCell>
            <TableCell className="max-w-48">
              <span className="flex flex-wrap gap-1">
                {lead.tags.map((tag) => (
                  <Badge key={tag} variant="outline">
                    {tag}
                  </Badge>
                ))}
              </span>
            </TableCell>
            <TableCell>{formatMoney(lead.value, locale)}</TableCell>
            <TableCell>{date.format(new Date(lead.createdAt))}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
