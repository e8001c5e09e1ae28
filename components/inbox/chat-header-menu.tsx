"use client";

import { CircleCheck, EllipsisVertical, History, RotateCcw, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { ConversationDetail } from "@/lib/inbox/types";

type Props = {
  detail: ConversationDetail;
  busy: boolean;
  triggerRef: Ref<HTMLButtonElement>;
  onAssign: () => void;
  onHistory: () => void;
  onToggleStatus: () => void;
};

/**
 * Phones only: the chat header's secondary actions behind one "more" button,
 * so the contact's name keeps the width. The assignee picker and the history
 * sheet it opens are the header's own (their buttons are hidden below md).
 */
export function ChatHeaderMenu({ detail, busy, triggerRef, onAssign, onHistory, onToggleStatus }: Props) {
  const t = useTranslations("inbox");
  const open = detail.status === "open";
  return (
    // Not modal: a modal menu would leave the page inert when it hands focus to the dialog it opens.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button ref={triggerRef} type="button" variant="ghost" size="icon" className="shrink-0 md:hidden" aria-label={t("chat.more")}>
          <EllipsisVertical aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" collisionPadding={8} className="w-64 max-w-[calc(100vw-1rem)]">
        <DropdownMenuItem onSelect={onAssign}>
          <UserRound aria-hidden />
          <span className="truncate">{detail.assignee ? t("assignment.assignee", { name: detail.assignee.name }) : t("assignment.assign")}</span>
        </DropdownMenuItem>
        <DropdownMenuItem disabled={busy} onSelect={onToggleStatus}>
          {open ? <CircleCheck aria-hidden /> : <RotateCcw aria-hidden />}
          {open ? t("chat.resolve") : t("chat.reopen")}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onHistory}>
          <History aria-hidden />
          {t("assignment.history")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
