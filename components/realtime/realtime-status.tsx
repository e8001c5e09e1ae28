"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";
import { useRealtimeStatus } from "./realtime-provider";

/**
 * A dot and a word on whether this tab hears news live. "Connected" means
 * every channel is subscribed, so an agent (or a test) who sees it knows a
 * customer's next message will show up without reloading.
 */
export function RealtimeStatusIndicator() {
  const t = useTranslations("realtime");
  const status = useRealtimeStatus();
  const label = t(status);
  return (
    <p role="status" aria-label={label} className="flex items-center gap-1.5 text-xs text-muted-foreground">
      <span
        aria-hidden
        className={cn(
          "size-2 shrink-0 rounded-full",
          status === "connected" ? "bg-primary" : status === "unavailable" ? "bg-destructive" : "animate-pulse bg-muted-foreground",
        )}
      />
      <span className="truncate">{label}</span>
    </p>
  );
}
