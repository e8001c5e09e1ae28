"use client";

import { Check, CheckCheck, Clock, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MessageStatus } from "@/lib/db/schema";
import { cn } from "@/lib/utils";

const ICONS = { pending: Clock, sent: Check, delivered: CheckCheck, read: CheckCheck, failed: TriangleAlert } as const;

/** WhatsApp's delivery ticks for an outbound message, named for screen readers. Inbound messages have none. */
export function MessageTicks({ status }: { status: MessageStatus }) {
  const t = useTranslations("inbox.message.status");
  if (status === "received") return null;
  const Icon = ICONS[status];
  return (
    <span
      role="img"
      aria-label={t(status)}
      title={t(status)}
      data-status={status}
      className={cn("inline-flex", status === "read" && "text-sky-500", status === "failed" && "text-destructive")}
    >
      <Icon aria-hidden className="size-3.5" />
    </span>
  );
}
