"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { RefObject } from "react";
import { focusBackTo } from "@/components/ui/focus-back-to";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import type { AssignmentHistoryEntry } from "@/lib/assignment/manual";
import { assignmentsQuery } from "./inbox-queries";

type Props = {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
  /** The "History" button (assignment-history.tsx): focus goes back there on close unless onCloseAutoFocus took it. */
  triggerRef: RefObject<HTMLButtonElement | null>;
};

/** The side sheet listing the chat's assignment changes, newest first. Loaded on its first opening. */
export function AssignmentHistorySheet({ conversationId, open, onOpenChange, onCloseAutoFocus, triggerRef }: Props) {
  const t = useTranslations("inbox.assignment");
  const tc = useTranslations("common");
  // Read each time the panel opens; someone may reassign the chat while it is open (inbox-live-updates.tsx re-reads it then).
  const { data: entries, isError } = useQuery({ ...assignmentsQuery(conversationId), enabled: open });

  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent side="right" closeLabel={tc("close")} className="w-full sm:max-w-sm" onCloseAutoFocus={focusBackTo(triggerRef, onCloseAutoFocus)}>
        <SheetHeader>
          <SheetTitle>{t("historyTitle")}</SheetTitle>
          <SheetDescription>{t("historyDescription")}</SheetDescription>
        </SheetHeader>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 pb-4">
          {entries === undefined ? (
            <p role="status" className="text-sm text-muted-foreground">
              {isError ? t("historyLoadError") : t("historyLoading")}
            </p>
          ) : entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("historyEmpty")}</p>
          ) : (
            <ol aria-label={t("historyTitle")} className="flex flex-col gap-3">
              {entries.map((entry, index) => (
                <HistoryItem key={`${entry.at}-${index}`} entry={entry} />
              ))}
            </ol>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}

function HistoryItem({ entry }: { entry: AssignmentHistoryEntry }) {
  const t = useTranslations("inbox.assignment");
  const format = useFormatter();
  const name = (person: AssignmentHistoryEntry["from"]) => person?.name ?? t("formerMember");
  const values = { by: name(entry.by), from: name(entry.from), to: name(entry.to) };
  return (
    <li className="flex flex-col gap-0.5 border-l-2 pl-3 text-sm">
      <span>{t(`entry.${entryKey(entry)}`, values)}</span>
      <time dateTime={entry.at} className="text-xs text-muted-foreground">
        {format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "short" })}
      </time>
    </li>
  );
}

/** Which sentence tells the change: by whom (or automatic), and whether someone held the chat before. */
function entryKey(entry: AssignmentHistoryEntry) {
  if (entry.by === null) {
    if (entry.kind === "unassigned") return "autoUnassigned";
    return entry.from ? "autoReassigned" : "autoAssigned";
  }
  if (entry.kind === "unassigned") return "unassigned";
  if (!entry.from && entry.to?.id === entry.by.id) return "took";
  return entry.from ? "reassigned" : "assigned";
}
