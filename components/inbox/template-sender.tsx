"use client";

import { LayoutTemplate } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ChatMessage } from "@/lib/inbox/types";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";

// The picker, the form and its live preview load when the dialog first opens; the button shows at once.
const TemplateSenderPanel = dynamic(() => import("./template-sender-panel").then((m) => m.TemplateSenderPanel), {
  loading: () => <PanelLoading />,
});

function PanelLoading() {
  const t = useTranslations("templates.picker");
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {t("loading")}
    </p>
  );
}

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
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<TemplateListItem | null>(null);
  const close = () => {
    setOpen(false);
    setChosen(null);
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : close())}>
      <DialogTrigger asChild>
        <Button type="button" variant={prominent ? "default" : "outline"} className={cn("shrink-0", prominent && "w-full sm:w-auto")} aria-label={prominent ? undefined : t("open")}>
          <LayoutTemplate aria-hidden />
          {prominent ? t("openProminent") : <span className="sr-only sm:not-sr-only">{t("open")}</span>}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} className={cn("max-h-[90dvh] overflow-y-auto", chosen && "sm:max-w-3xl")}>
        <DialogHeader>
          <DialogTitle>{chosen ? t("formTitle") : t("title")}</DialogTitle>
          <DialogDescription>{chosen ? t("formDescription") : t("description")}</DialogDescription>
        </DialogHeader>
        {open && <TemplateSenderPanel conversationId={conversationId} contactName={contactName} chosen={chosen} setChosen={setChosen} onSent={onSent} close={close} />}
      </DialogContent>
    </Dialog>
  );
}
