"use client";

import { LayoutTemplate } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { lazyPanel } from "@/components/ui/lazy-panel";
import type { ChatMessage } from "@/lib/inbox/types";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";

// The dialog (Radix Dialog, the picker, the form and its preview) loads on the first press; the button shows at once.
const TemplateSenderDialog = lazyPanel(
  () => import("./template-sender-dialog").then((m) => m.TemplateSenderDialog),
  { open: (props) => props.open, close: (props) => props.close() },
);

type Props = {
  conversationId: string;
  contactName: string | null;
  /** The window is closed: templates are the only way to write, so the button says so at full width. */
  prominent: boolean;
  /** The stored message (sent, or failed with its reason and a Retry) goes into the log. */
  onSent: (message: ChatMessage) => void;
};

/** The composer's "Templates": pick an approved template, fill in its values with a live preview, send. */
export function TemplateSender({ conversationId, contactName, prominent, onSent }: Props) {
  const t = useTranslations("templates.picker");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  // Once opened the dialog stays mounted, so it can animate out and keep its code.
  const [loaded, setLoaded] = useState(false);
  const [chosen, setChosen] = useState<TemplateListItem | null>(null);
  const close = () => {
    setOpen(false);
    setChosen(null);
  };

  return (
    <>
      <Button
        ref={buttonRef}
        type="button"
        variant={prominent ? "default" : "outline"}
        className={cn("shrink-0", prominent && "w-full sm:w-auto")}
        aria-label={prominent ? undefined : t("open")}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        <LayoutTemplate aria-hidden />
        {prominent ? t("openProminent") : <span className="sr-only sm:not-sr-only">{t("open")}</span>}
      </Button>
      {loaded && (
        <TemplateSenderDialog
          conversationId={conversationId}
          contactName={contactName}
          open={open}
          chosen={chosen}
          setChosen={setChosen}
          onSent={onSent}
          close={close}
          triggerRef={buttonRef}
        />
      )}
    </>
  );
}
