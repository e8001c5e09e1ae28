"use client";

import { MessageSquarePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { byOpenChange, lazyPanel } from "@/components/ui/lazy-panel";

// The dialog (its forms and the template picker) loads on the first press; the button shows at once.
const NewConversationDialog = lazyPanel(() => import("./new-conversation-dialog").then((m) => m.NewConversationDialog), byOpenChange);

/** "New conversation" beside the inbox's title. */
export function NewConversationButton() {
  const t = useTranslations("inbox.newConversation");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  if (open && !loaded) setLoaded(true);
  return (
    <>
      <Button ref={buttonRef} type="button" size="sm" variant="outline" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        <MessageSquarePlus aria-hidden />
        {t("open")}
      </Button>
      {loaded && <NewConversationDialog open={open} onOpenChange={setOpen} triggerRef={buttonRef} />}
    </>
  );
}
