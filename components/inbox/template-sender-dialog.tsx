"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { focusBackTo } from "@/components/ui/focus-back-to";
import type { ChatMessage } from "@/lib/inbox/types";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";
import { TemplateSenderPanel } from "./template-sender-panel";

type Props = {
  conversationId: string;
  contactName: string | null;
  open: boolean;
  chosen: TemplateListItem | null;
  setChosen: (template: TemplateListItem | null) => void;
  onSent: (message: ChatMessage) => void;
  close: () => void;
  /** The composer's Templates button (template-sender.tsx): focus goes back there on close. */
  triggerRef: RefObject<HTMLButtonElement | null>;
};

/** The template dialog, with its picker and form: loaded on the Templates button's first press. */
export function TemplateSenderDialog({ conversationId, contactName, open, chosen, setChosen, onSent, close, triggerRef }: Props) {
  const t = useTranslations("templates.picker");
  return (
    <Dialog open={open} onOpenChange={(next) => !next && close()}>
      <DialogContent
        closeLabel={t("close")}
        className={cn("max-h-[90dvh] overflow-y-auto", chosen && "sm:max-w-3xl")}
        onCloseAutoFocus={focusBackTo(triggerRef)}
      >
        <DialogHeader>
          <DialogTitle>{chosen ? t("formTitle") : t("title")}</DialogTitle>
          <DialogDescription>{chosen ? t("formDescription") : t("description")}</DialogDescription>
        </DialogHeader>
        {open && <TemplateSenderPanel conversationId={conversationId} contactName={contactName} chosen={chosen} setChosen={setChosen} onSent={onSent} close={close} />}
      </DialogContent>
    </Dialog>
  );
}
