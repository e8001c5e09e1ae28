"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { Fragment, useEffect, useEffectEvent, useLayoutEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { ChatMessage } from "@/lib/inbox/types";
import { MessageBubble } from "./message-bubble";

type Props = {
  messages: ChatMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (messageId: string) => Promise<void>;
  contactLabel: string;
  currentUserId: string;
};

/** Near enough to the bottom that a new message should scroll into view. */
const STICK_PX = 64;

export function MessageLog({ messages, hasOlder, loadingOlder, onLoadOlder, onRetry, contactLabel, currentUserId }: Props) {
  const t = useTranslations("inbox.chat");
  const dayLabel = useDayLabel();
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const olderRef = useRef<HTMLButtonElement>(null);
  // Starts true: a chat opens at its newest message.
  const atBottom = useRef(true);
  // Distance from the bottom before older messages were prepended, to put the reader back where they were.
  const anchor = useRef<{ firstId: string; fromBottom: number } | null>(null);
  const lastSeen = useRef<string | undefined>(undefined);
  const firstId = messages[0]?.id;
  const last = messages.at(-1);

  function requestOlder() {
    const element = scrollRef.current;
    if (element && firstId && !loadingOlder) anchor.current = { firstId, fromBottom: element.scrollHeight - element.scrollTop };
    onLoadOlder();
  }
  const requestOlderFromObserver = useEffectEvent(requestOlder);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const saved = anchor.current;
    if (saved && saved.firstId !== firstId) {
      element.scrollTop = element.scrollHeight - saved.fromBottom;
      anchor.current = null;
    } else {
      const newLast = last && last.id !== lastSeen.current;
      // The member's own reply always comes into view, even if they had scrolled up to read.
      const mine = newLast && last.direction === "outbound" && last.author?.id === currentUserId;
      if (atBottom.current || mine) element.scrollTop = element.scrollHeight;
    }
    lastSeen.current = last?.id;
  }, [firstId, last, currentUserId]);

  // Images and videos get their height only once loaded: keep the bottom in view while they do.
  useEffect(() => {
    const content = contentRef.current;
    const element = scrollRef.current;
    if (!content || !element) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  // Scrolling near the top loads the page before; re-created after each page so a still-visible trigger fires again.
  useEffect(() => {
    const element = olderRef.current;
    if (!element || loadingOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) requestOlderFromObserver();
      },
      { root: scrollRef.current, rootMargin: "200px 0px 0px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasOlder, loadingOlder, firstId]);

  return (
    <div
      ref={scrollRef}
      role="log"
      aria-label={t("messages")}
      aria-busy={loadingOlder}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-muted/30 px-4 py-3 outline-none focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset"
    >
      {/* No gap: each message's own padding spaces them (message-bubble.tsx). */}
      <div ref={contentRef} className="flex flex-col">
        <div className="flex justify-center py-1">
          {hasOlder ? (
            <Button ref={olderRef} type="button" variant="ghost" size="sm" disabled={loadingOlder} onClick={requestOlder}>
              {loadingOlder ? t("loadingOlder") : t("loadOlder")}
            </Button>
          ) : (
            messages.length > 0 && <p className="text-xs text-muted-foreground">{t("beginning")}</p>
          )}
        </div>
        {messages.length === 0 && <p className="py-8 text-center text-sm text-muted-foreground">{t("noMessages")}</p>}
        {messages.map((message, index) => {
          const day = dayLabel(message.sentAt);
          const previous = messages[index - 1];
          const newDay = !previous || dayLabel(previous.sentAt) !== day;
          return (
            <Fragment key={message.id}>
              {newDay && (
                <p className="my-1 self-center rounded-full bg-background px-3 py-0.5 text-xs text-muted-foreground shadow-xs">{day}</p>
              )}
              <MessageBubble message={message} contactLabel={contactLabel} onRetry={onRetry} />
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}

/** "Today", "Yesterday" or the date, in the workspace's time zone. */
function useDayLabel(): (iso: string) => string {
  const t = useTranslations("inbox.chat");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const key = (date: Date) => format.dateTime(date, { year: "numeric", month: "2-digit", day: "2-digit" });
  const today = key(now);
  const yesterday = key(new Date(now.getTime() - 24 * 60 * 60 * 1000));
  return (iso) => {
    const date = new Date(iso);
    const day = key(date);
    if (day === today) return t("today");
    if (day === yesterday) return t("yesterday");
    return format.dateTime(date, { dateStyle: "long" });
  };
}
