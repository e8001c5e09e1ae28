"use client";

import { History } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import type { AssignmentHistoryEntry } from "@/lib/assignment/manual";
import { getJson } from "./inbox-fetch";

type State = { entries: AssignmentHistoryEntry[] | null; failed: boolean };

/** The "History" button and the side sheet listing the chat's assignment changes, newest first. */
export function AssignmentHistory({ conversationId }: { conversationId: string }) {
  const t = useTranslations("inbox.assignment");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ entries: null, failed: false });
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const entries = await getJson<AssignmentHistoryEntry[]>(`/api/inbox/conversations/${encodeURIComponent(conversationId)}/assignments`);
      if (mine === generation.current) setState({ entries, failed: false });
    } catch (error) {
      console.warn("[inbox] assignment history failed", error);
      if (mine === generation.current) setState((prev) => ({ entries: prev.entries, failed: prev.entries === null }));
    }
  }, [conversationId]);

  // Someone else may reassign the chat while the panel is open.
  useRealtimeEvent("conversation.updated", (event) => {
    if (open && event.conversationId === conversationId) void load();
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (next) void load();
  }

  return (
    <Sheet open={open} onOpenChange={openChange}>
      <SheetTrigger asChild>
        <Button type="button" variant="ghost" size="sm" aria-label={t("history")}>
          <History aria-hidden />
          <span className="hidden lg:inline">{t("history")}</span>
        </Button>
      </SheetTrigger>
      <SheetContent side="right" closeLabel={tc("close")} className="w-full sm:max-w-sm">
        <SheetHeader>
          <SheetTitle>{t("historyTitle")}</SheetTitle>
          <SheetDescription>{t("historyDescription")}</SheetDescription>
        </SheetHeader>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 pb-4">
          {state.entries === null ? (
            <p role="status" className="text-sm text-muted-foreground">
              {state.failed ? t("historyLoadError") : t("historyLoading")}
            </p>
          ) : state.entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("historyEmpty")}</p>
          ) : (
            <ol aria-label={t("historyTitle")} className="flex flex-col gap-3">
              {state.entries.map((entry, index) => (
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
