"use client";

import { Bot, RotateCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { sendFailure } from "@/lib/inbox/send-errors";
import type { ChatMessage } from "@/lib/inbox/types";
import { cn } from "@/lib/utils";
import { MessageContent } from "./message-content";
import { MessageTicks } from "./message-ticks";
import { usePreviewText } from "./use-preview-text";

type Props = {
  message: ChatMessage;
  /** Who wrote an inbound message, for screen readers (sighted users see the side). */
  contactLabel: string;
  onRetry: (messageId: string) => Promise<void>;
};

export function MessageBubble({ message, contactLabel, onRetry }: Props) {
  const t = useTranslations("inbox.message");
  const format = useFormatter();
  const outbound = message.direction === "outbound";
  const sentAt = new Date(message.sentAt);

  return (
    // Messages out of view are neither styled nor laid out until scrolled to. That also clips painting to this
    // box: the padding keeps the bubble's shadow and ring and the Retry button's focus ring inside it.
    <div
      data-message-id={message.id}
      className={cn("flex flex-col gap-1 py-1 [contain-intrinsic-size:auto_64px] [content-visibility:auto]", outbound ? "items-end" : "items-start")}
    >
      <div
        className={cn(
          "relative max-w-[min(80%,36rem)] rounded-lg px-3 py-2 text-sm shadow-xs",
          outbound ? "rounded-br-sm bg-primary/10" : "rounded-bl-sm bg-muted",
          message.status === "failed" && "ring-1 ring-destructive/50",
          message.reactionEmoji && "mb-3",
        )}
      >
        {outbound ? <AuthorLabel message={message} /> : <span className="sr-only">{contactLabel}: </span>}
        {message.replyTo && <QuotedReply replyTo={message.replyTo} />}
        <MessageContent message={message} />
        <span className="mt-1 flex items-center justify-end gap-1 text-[11px] text-muted-foreground">
          <time dateTime={message.sentAt} title={format.dateTime(sentAt, { dateStyle: "medium", timeStyle: "short" })}>
            {format.dateTime(sentAt, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}
          </time>
          {outbound && <MessageTicks status={message.status} />}
        </span>
        {message.reactionEmoji && (
          <span
            role="img"
            aria-label={t("customerReaction", { emoji: message.reactionEmoji })}
            className={cn(
              "absolute -bottom-3 rounded-full border bg-background px-1 text-xs leading-5 shadow-xs",
              outbound ? "right-2" : "left-2",
            )}
          >
            {message.reactionEmoji}
          </span>
        )}
      </div>
      {message.status === "failed" && <FailedNotice message={message} onRetry={onRetry} />}
    </div>
  );
}

function AuthorLabel({ message }: { message: ChatMessage }) {
  const t = useTranslations("inbox.message");
  if (message.sender === "bot") {
    // A rule bot's reply carries the bot's name; the AI assistant's none.
    return (
      <Badge variant="secondary" className="mb-1 gap-1 px-1.5 py-0 text-[10px]">
        <Bot aria-hidden />
        {message.bot ? t("ruleBot", { name: message.bot.name }) : t("assistant")}
      </Badge>
    );
  }
  if (!message.author) return null;
  return <p className="mb-0.5 text-[11px] font-medium text-primary">{message.author.name}</p>;
}

function QuotedReply({ replyTo }: { replyTo: NonNullable<ChatMessage["replyTo"]> }) {
  const t = useTranslations("inbox.message");
  const previewText = usePreviewText();
  // Replies to messages we never stored (older than the inbox, or deleted by retention) have neither.
  const known = replyTo.messageId !== null && (replyTo.text !== null || replyTo.type !== null);
  return (
    <blockquote className="mb-1.5 rounded border-l-4 border-primary/60 bg-background/60 px-2 py-1 text-xs text-muted-foreground">
      <span className="sr-only">{t("inReplyTo")}: </span>
      <span className="line-clamp-3 break-words whitespace-pre-wrap">{known ? previewText(replyTo.type, replyTo.text) : t("replyUnavailable")}</span>
    </blockquote>
  );
}

function FailedNotice({ message, onRetry }: { message: ChatMessage; onRetry: (messageId: string) => Promise<void> }) {
  const t = useTranslations("inbox.message");
  const [pending, startTransition] = useTransition();
  // The row keeps a code; the words are chosen here, in the reader's language.
  const failure = sendFailure(message.error);
  const reason = failure.key === null ? failure.text : t(`failedReasons.${failure.key}`, failure.values);
  return (
    <div className="flex max-w-[min(80%,36rem)] flex-wrap items-center justify-end gap-2 text-xs text-destructive">
      <span>
        {t("status.failed")}: {reason}
      </span>
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="h-7"
        disabled={pending}
        aria-busy={pending}
        onClick={() => startTransition(() => onRetry(message.id))}
      >
        <RotateCw aria-hidden className={cn(pending && "animate-spin")} />
        {t("retry")}
      </Button>
    </div>
  );
}
