"use client";

import { History } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { byOpenChange, lazyPanel } from "@/components/ui/lazy-panel";

// The sheet and its list load on the first opening; the button shows at once.
const AssignmentHistorySheet = lazyPanel(() => import("./assignment-history-sheet").then((m) => m.AssignmentHistorySheet), byOpenChange);

type Props = {
  conversationId: string;
  /** Set both to open the sheet from elsewhere (the chat's "more" menu on phones, where this button is hidden). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes when the sheet closes, if not its own button. */
  onCloseAutoFocus?: (event: Event) => void;
};

/** The "History" button and the side sheet listing the chat's assignment changes, newest first. */
export function AssignmentHistory({ conversationId, open: controlledOpen, onOpenChange, onCloseAutoFocus }: Props) {
  const t = useTranslations("inbox.assignment");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  // Once opened (from this button or the phone's menu) the sheet stays mounted, so it can animate out.
  const [loaded, setLoaded] = useState(false);
  if (open && !loaded) setLoaded(true);

  return (
    <>
      <Button ref={buttonRef} type="button" variant="ghost" size="sm" aria-label={t("history")} aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        <History aria-hidden />
        <span className="hidden lg:inline">{t("history")}</span>
      </Button>
      {loaded && (
        <AssignmentHistorySheet
          conversationId={conversationId}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={onCloseAutoFocus}
          triggerRef={buttonRef}
        />
      )}
    </>
  );
}
