"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { contactLabel } from "@/components/inbox/contact-format";
import type { LeadStatus } from "@/lib/db/schema";
import { LEAD_STATUSES, type LeadListItem } from "@/lib/leads/types";
import { cn } from "@/lib/utils";
import { NativeSelect } from "@/components/ui/native-select";
import { useMoveLead } from "./use-move-lead";

type Props = { columns: Record<LeadStatus, LeadListItem[]> };

const DRAG_TYPE = "application/x-lead-id";

/**
 * One column per status. Every card has a "Move to" select, the way that
 * works with a keyboard and a screen reader; dragging a card (native HTML5
 * drag and drop) is a shortcut for pointer users. A phone has room for one
 * column (and no dragging): a picker chooses which.
 */
export function LeadBoard({ columns }: Props) {
  const t = useTranslations();
  const { move, pending } = useMoveLead();
  const [over, setOver] = useState<LeadStatus | null>(null);
  // The first column with leads, so a phone does not open on an empty "New".
  const [shown, setShown] = useState<LeadStatus>(() => LEAD_STATUSES.find((status) => columns[status].length > 0) ?? LEAD_STATUSES[0]);

  function drop(event: React.DragEvent, status: LeadStatus) {
    event.preventDefault();
    setOver(null);
    const [leadId, from] = event.dataTransfer.getData(DRAG_TYPE).split("|");
    if (leadId && from !== status) move(leadId, status);
  }

  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-muted-foreground max-md:hidden">{t("leads.board.dropHint")}</p>
      <div className="grid gap-1.5 md:hidden">
        <label htmlFor="board-column" className="text-sm font-medium">
          {t("leads.board.column")}
        </label>
        <NativeSelect id="board-column" value={shown} onChange={(event) => setShown(event.target.value as LeadStatus)} className="h-11 text-base">
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t("leads.board.columnOption", { status: t(`leads.status.${status}`), count: columns[status].length })}
            </option>
          ))}
        </NativeSelect>
        <p className="text-sm text-muted-foreground">{t("leads.board.moveHint")}</p>
      </div>
      <div className="grid gap-3 md:grid-cols-3 xl:grid-cols-5" aria-busy={pending}>
        {LEAD_STATUSES.map((status) => (
          <section
            key={status}
            aria-labelledby={`column-${status}`}
            onDragOver={(event) => {
              if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
              event.preventDefault();
              setOver(status);
            }}
            onDragLeave={() => setOver((current) => (current === status ? null : current))}
            onDrop={(event) => drop(event, status)}
            className={cn(
              "flex min-h-40 min-w-0 flex-col gap-2 rounded-lg border bg-muted/30 p-2",
              over === status && "ring-2 ring-ring/50",
              status !== shown && "max-md:hidden",
            )}
          >
            <header className="flex items-baseline justify-between px-1">
              <h2 id={`column-${status}`} className="text-sm font-semibold">
                {t(`leads.status.${status}`)}
              </h2>
              <span className="text-xs text-muted-foreground">{t("leads.board.count", { count: columns[status].length })}</span>
            </header>
            {columns[status].length === 0 && <p className="px-1 text-xs text-muted-foreground">{t("leads.board.columnEmpty")}</p>}
            <ul className="flex flex-col gap-2">
              {columns[status].map((lead) => (
                <LeadCard key={lead.id} lead={lead} disabled={pending} onMove={(next) => move(lead.id, next)} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function LeadCard({ lead, disabled, onMove }: { lead: LeadListItem; disabled: boolean; onMove: (status: LeadStatus) => void }) {
  const t = useTranslations();
  const name = contactLabel(lead.contact);
  const source = lead.source ? (lead.source.systemKey ? t(`settings.leadSources.system.${lead.source.systemKey}` as never) : lead.source.name) : t("leads.noSource");
  return (
    <li
      draggable={lead.mayEdit && !disabled}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, `${lead.id}|${lead.status}`);
        event.dataTransfer.effectAllowed = "move";
      }}
      className={cn("flex flex-col gap-1 rounded-md border bg-card p-2 text-sm shadow-xs", lead.mayEdit && "cursor-grab")}
    >
      <Link href={`/leads/${lead.id}`} className="font-medium break-words hover:underline">
        {name}
      </Link>
      <p className="text-xs text-muted-foreground">{source}</p>
      <p className="text-xs text-muted-foreground">{lead.assignee?.name ?? t("leads.unassigned")}</p>
      {lead.mayEdit && (
        <NativeSelect
          aria-label={t("leads.board.moveTo", { name })}
          value={lead.status}
          disabled={disabled}
          onChange={(event) => onMove(event.target.value as LeadStatus)}
          className="mt-1 h-8 text-xs max-md:h-10 max-md:text-sm"
        >
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`leads.status.${status}`)}
            </option>
          ))}
        </NativeSelect>
      )}
    </li>
  );
}
