"use client";

import { CircleCheck, History, RotateCcw, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { ConversationDetail } from "@/lib/inbox/types";

type Props = {
  detail: ConversationDetail;
  busy: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The "more" button (chat-header-menu.tsx), made the Radix trigger here. */
  trigger: React.ReactElement;
  onAssign: () => void;
  onHistory: () => void;
  onToggleStatus: () => void;
};

/** The phone's "more" menu itself; chat-header-menu.tsx loads it on the first press of its button. */
export function ChatHeaderMenuContent({ detail, busy, open, onOpenChange, trigger, onAssign, onHistory, onToggleStatus }: Props) {
  const t = useTranslations("inbox");
  const isOpen = detail.status === "open";
  return (
    // Not modal: a modal menu would leave the page inert when it hands focus to the dialog it opens.
    <DropdownMenu modal={false} open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" collisionPadding={8} className="w-64 max-w-[calc(100vw-1rem)]">
        <DropdownMenuItem onSelect={onAssign}>
          <UserRound aria-hidden />
          <span className="truncate">{detail.assignee ? t("assignment.assignee", { name: detail.assignee.name }) : t("assignment.assign")}</span>
        </DropdownMenuItem>
        <DropdownMenuItem disabled={busy} onSelect={onToggleStatus}>
          {isOpen ? <CircleCheck aria-hidden /> : <RotateCcw aria-hidden />}
          {isOpen ? t("chat.resolve") : t("chat.reopen")}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onHistory}>
          <History aria-hidden />
          {t("assignment.history")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
