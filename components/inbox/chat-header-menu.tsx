"use client";

import { EllipsisVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { useLazyComponent } from "@/components/ui/use-lazy-component";
import type { ConversationDetail } from "@/lib/inbox/types";

// The menu (Radix dropdown) loads on the first press of "more"; the button shows at once.
const loadMenu = () => import("./chat-header-menu-content").then((m) => m.ChatHeaderMenuContent);

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
  const [open, setOpen] = useState(false);
  const [Menu, loadMenuNow, pending] = useLazyComponent(loadMenu);
  const button = (props: React.ComponentProps<typeof Button>) => (
    <Button ref={triggerRef} type="button" variant="ghost" size="icon" className="shrink-0 md:hidden" aria-label={t("chat.more")} {...props}>
      <EllipsisVertical aria-hidden />
    </Button>
  );
  // Until the menu's code is here, a plain button that asks for it (and opens the menu once it arrives).
  if (!Menu) {
    const onClick = () => {
      loadMenuNow();
      setOpen(true);
    };
    return (
      <>
        {button({ "aria-haspopup": "menu", "aria-expanded": false, onClick })}
        {pending}
      </>
    );
  }
  return (
    <Menu
      detail={detail}
      busy={busy}
      open={open}
      onOpenChange={setOpen}
      trigger={button({})}
      onAssign={onAssign}
      onHistory={onHistory}
      onToggleStatus={onToggleStatus}
    />
  );
}
