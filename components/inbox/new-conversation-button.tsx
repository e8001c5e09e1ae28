"use client";

import { MessageSquarePlus } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// The dialog (its forms and the template picker) loads on the first press; the button shows at once.
const NewConversationDialog = dynamic(() => import("./new-conversation-dialog").then((m) => m.NewConversationDialog));

/** "New conversation" beside the inbox's title. */
export function NewConversationButton() {
  const t = useTranslations("inbox.newConversation");
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  if (open && !loaded) setLoaded(true);
  return (
    <>
      <Button type="button" size="sm" variant="outline" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        <MessageSquarePlus aria-hidden />
        {t("open")}
      </Button>
      {loaded && <NewConversationDialog open={open} onOpenChange={setOpen} />}
    </>
  );
}
