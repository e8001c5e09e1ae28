"use client";

import { UserRound } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useViewerId } from "@/components/realtime/realtime-provider";
import { Badge } from "@/components/ui/badge";
import type { ConversationListItem } from "@/lib/inbox/types";
import { cn } from "@/lib/utils";
import { contactLabel, initials } from "./contact-format";
import { outboundAuthor, type OutboundAuthor } from "./outbound-author";
import { usePreviewText } from "./use-preview-text";
import { useShortTime } from "./use-short-time";

/**
 * What every row needs to put its data into words, read once by the list rather than by each row: a page
 * of rows would otherwise run the same hooks (and start a clock each) twenty times over while hydrating.
 */
export function useRowText() {
  return {
    t: useTranslations("inbox.list"),
    format: useFormatter(),
    previewText: usePreviewText(),
    shortTime: useShortTime(),
    viewerId: useViewerId(),
  };
}

type Props = { item: ConversationListItem; href: string; active: boolean; text: ReturnType<typeof useRowText> };

export function ConversationItem({ item, href, active, text }: Props) {
  const { t, format, previewText, shortTime } = text;
  const label = contactLabel(item.contact);
  const preview = previewText(item.lastMessageType, item.lastMessagePreview);
  const author = outboundAuthor(item, text.viewerId);
  // The open chat marks itself read; its badge would only flash until the list catches up.
  const unread = active ? 0 : item.unreadCount;

  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex gap-3 border-b px-3 py-3 outline-none hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset",
        active && "bg-accent",
      )}
    >
      <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-sm font-medium text-muted-foreground">
        {initials(label) || <UserRound className="size-5" />}
      </span>
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="flex items-baseline justify-between gap-2">
          <span className={cn("truncate", unread > 0 ? "font-semibold" : "font-medium")}>{label}</span>
          <time
            dateTime={item.lastMessageAt}
            title={format.dateTime(new Date(item.lastMessageAt), { dateStyle: "medium", timeStyle: "short" })}
            className={cn("shrink-0 text-xs", unread > 0 ? "font-medium text-primary" : "text-muted-foreground")}
          >
            {shortTime(item.lastMessageAt)}
          </time>
        </span>
        <span className="flex items-center justify-between gap-2">
          <span className="truncate text-sm text-muted-foreground">
            {author && preview ? withAuthor(t, author, preview) : preview}
          </span>
          {unread > 0 && (
            // role="img" makes the label part of the link's name in every browser and screen reader.
            <Badge role="img" aria-label={t("unread", { count: unread })} className="min-w-5 rounded-full px-1.5">
              {unread > 99 ? "99+" : unread}
            </Badge>
          )}
        </span>
        <span className="flex items-center gap-2 text-xs text-muted-foreground">
          <span className="flex min-w-0 items-center gap-1">
            <UserRound aria-hidden className="size-3 shrink-0" />
            {item.assignee ? (
              <>
                <span className="sr-only">{t("assignedTo")}: </span>
                <span className="truncate">{item.assignee.name}</span>
              </>
            ) : (
              <span className="truncate">{t("unassigned")}</span>
            )}
          </span>
          {item.status === "resolved" && (
            <Badge variant="outline" className="px-1.5 py-0 text-[10px]">
              {t("resolved")}
            </Badge>
          )}
        </span>
      </span>
    </Link>
  );
}

function withAuthor(t: ReturnType<typeof useTranslations<"inbox.list">>, author: OutboundAuthor, text: string): string {
  switch (author.kind) {
    case "you":
      return t("outboundPrefix", { text });
    case "agent":
      return t("outboundAgentPrefix", { name: author.firstName, text });
    case "bot":
      return t("outboundBotPrefix", { text });
    case "formerAgent":
      return t("outboundFormerAgentPrefix", { text });
  }
}
