"use client";

import { useQuery } from "@tanstack/react-query";
import { LayoutTemplate } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { sendTemplateAction } from "@/app/(dashboard)/inbox/template-actions";
import type { TemplatesResponse } from "@/app/api/templates/route";
import { getJson } from "@/components/data/get-json";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { TemplateForm } from "@/components/templates/template-form";
import { TemplatePicker } from "@/components/templates/template-picker";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ChatMessage } from "@/lib/inbox/types";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";

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
  const templates = useQuery({
    queryKey: ["templates"],
    queryFn: ({ signal }) => getJson<TemplatesResponse>("/api/templates", signal),
    enabled: open,
    staleTime: 0,
  });
  // An admin's sync while the picker is open: show the new list (and statuses) at once.
  useRealtimeEvent("settings.updated", ({ section }) => {
    if (open && section === "templates") void templates.refetch();
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setChosen(null);
      }}
    >
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
        {chosen ? (
          <TemplateForm
            template={chosen}
            contactName={contactName}
            onBack={() => setChosen(null)}
            onSubmit={async (values) => {
              const result = await sendTemplateAction({ conversationId, templateId: chosen.id, ...values });
              if (!result.ok) {
                toast.error(result.error);
                return result;
              }
              onSent(result.data);
              setOpen(false);
              setChosen(null);
              return { ok: true };
            }}
          />
        ) : templates.data ? (
          <TemplatePicker templates={templates.data.items} onChoose={setChosen} />
        ) : templates.error ? (
          <p role="alert" className="text-sm text-destructive">
            {t("loadError")}
          </p>
        ) : (
          <p role="status" className="text-sm text-muted-foreground">
            {t("loading")}
          </p>
        )}
      </DialogContent>
    </Dialog>
  );
}
