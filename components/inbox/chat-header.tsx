"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CircleCheck, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { reopenConversationAction, resolveConversationAction } from "@/app/(dashboard)/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { cn } from "@/lib/utils";
import { AssigneePicker } from "./assignee-picker";
import { AssignmentHistory } from "./assignment-history";
import { BotsPaused } from "./bots-paused";
import { ChatHeaderMenu } from "./chat-header-menu";
import { ConversationLead } from "./conversation-lead";
import { contactLabel, formatPhone } from "./contact-format";
import { dropFromLists } from "./inbox-cache";
import { conversationQuery } from "./inbox-queries";
import { filterQuery, readFilter } from "./list-filter";

type Props = { detail: ConversationDetail; currentUserId: string; onChanged: () => Promise<void> };

export function ChatHeader({ detail, currentUserId, onChanged }: Props) {
  const t = useTranslations("inbox.chat");
  const searchParams = useSearchParams() ?? new URLSearchParams();
  const router = useRouter();
  const client = useQueryClient();
  const [pending, startTransition] = useTransition();
  const open = detail.status === "open";
  const label = contactLabel(detail.contact);
  // The picker and the history sheet open from their own buttons (md and up) or from the phone's "more" menu.
  const [panel, setPanel] = useState<"assign" | "history" | null>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const panelProps = (name: "assign" | "history") => ({
    open: panel === name,
    onOpenChange: (next: boolean) => setPanel(next ? name : null),
    onCloseAutoFocus: (event: Event) => {
      // Opened from the menu, the panel's own button is hidden: give focus back to "more" instead.
      if (moreRef.current && moreRef.current.offsetParent !== null) {
        event.preventDefault();
        moreRef.current.focus();
      }
    },
  });

  function toggle() {
    startTransition(async () => {
      const input = { conversationId: detail.id };
      const result = open ? await resolveConversationAction(input) : await reopenConversationAction(input);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      // Wait for the fresh status so the button does not offer the same action again meanwhile.
      await onChanged();
      toast.success(open ? t("resolvedToast") : t("reopenedToast"));
    });
  }

  const listHref = `/inbox${filterQuery(readFilter(searchParams))}`;

  async function assigned(next: ConversationDetail | null) {
    if (next) {
      // The action answers with the conversation as it is now: no need to read it again.
      client.setQueryData(conversationQuery(detail.id).queryKey, next);
      return;
    }
    // Handed to a colleague while agents see only their own chats: this one is no longer ours to show.
    dropFromLists(client, detail.id);
    router.replace(listHref);
  }

  return (
    <>
      <header className="flex items-center gap-2 border-b px-2 py-2 md:gap-3 md:px-4 md:py-3">
        {/* On small screens the list is hidden while a chat is open; this is the way back. */}
        <Button asChild variant="ghost" size="icon" className="shrink-0 md:hidden">
          <Link href={listHref} aria-label={t("back")}>
            <ArrowLeft aria-hidden />
          </Link>
        </Button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{label}</h2>
          <p className={cn("truncate text-xs text-muted-foreground", !detail.contact.name && "md:hidden")}>
            {/* Phones have no room for the badge: the status goes in this line. */}
            <span className="md:hidden">
              {t(`status.${detail.status}`)}
              {detail.contact.name && " · "}
            </span>
            {detail.contact.name && formatPhone(detail.contact.waId)}
          </p>
        </div>
        <Badge variant={open ? "default" : "secondary"} className="hidden md:inline-flex">
          {t(`status.${detail.status}`)}
        </Badge>
        <div className="hidden md:contents">
          <AssigneePicker detail={detail} currentUserId={currentUserId} onAssigned={assigned} {...panelProps("assign")} />
          <AssignmentHistory conversationId={detail.id} {...panelProps("history")} />
        </div>
        <ConversationLead conversationId={detail.id} lead={detail.lead} />
        <Button type="button" variant={open ? "default" : "outline"} size="sm" disabled={pending} onClick={toggle} className="hidden md:inline-flex">
          {open ? <CircleCheck aria-hidden /> : <RotateCcw aria-hidden />}
          {open ? t("resolve") : t("reopen")}
        </Button>
        <ChatHeaderMenu
          detail={detail}
          busy={pending}
          triggerRef={moreRef}
          onAssign={() => setPanel("assign")}
          onHistory={() => setPanel("history")}
          onToggleStatus={toggle}
        />
      </header>
      {detail.botsPausedUntil && <BotsPaused conversationId={detail.id} pausedUntil={detail.botsPausedUntil} onChanged={onChanged} />}
    </>
  );
}
