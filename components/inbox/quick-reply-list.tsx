"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { QuickReplyPicker } from "./use-quick-reply-picker";

/**
 * The "/" list above the message box. Options are picked by mouse or touch
 * without taking focus from the box (mousedown is cancelled), so the phone's
 * keyboard stays up and the keys keep working.
 */
export function QuickReplyList({ picker }: { picker: QuickReplyPicker }) {
  const t = useTranslations("quickReplies.picker");
  const { open, status, options, activeIndex, listboxId, optionId, query } = picker;
  const activeId = activeIndex >= 0 && options[activeIndex] ? optionId(options[activeIndex]) : null;

  // The highlighted reply stays in sight as the arrows walk a list longer than its box.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  const message =
    status === "loading" ? t("loading") : status === "error" ? t("loadError") : !picker.hasReplies ? t("none") : options.length === 0 ? t("empty", { query }) : null;

  return (
    <>
      {/* Always rendered, so screen readers hear how many replies match as the query changes. */}
      <p role="status" className="sr-only">
        {open && (message ?? t("count", { count: options.length }))}
      </p>
      {open && (
        <div className="min-w-0 rounded-md border bg-popover text-popover-foreground shadow-sm">
          {message ? (
            <p className={cn("px-3 py-2 text-sm", status === "error" ? "text-destructive" : "text-muted-foreground")}>{message}</p>
          ) : (
            <div id={listboxId} role="listbox" aria-label={t("label")} className="max-h-48 overflow-y-auto p-1 md:max-h-64">
              {options.map((reply, index) => (
                <div
                  key={reply.id}
                  id={optionId(reply)}
                  role="option"
                  aria-selected={index === activeIndex}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => index !== activeIndex && picker.highlight(index)}
                  onClick={() => picker.choose(reply)}
                  className={cn("grid cursor-pointer gap-0.5 rounded-sm px-2 py-1.5 text-sm", index === activeIndex && "bg-accent text-accent-foreground")}
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="shrink-0 font-mono text-xs">/{reply.shortcut}</span>
                    <span className="min-w-0 truncate font-medium">{reply.title}</span>
                    {reply.scope === "own" && (
                      <Badge variant="outline" className="ml-auto">
                        {t("own")}
                      </Badge>
                    )}
                  </span>
                  <span className="line-clamp-2 text-xs break-words whitespace-pre-line text-muted-foreground">{reply.text}</span>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </>
  );
}
