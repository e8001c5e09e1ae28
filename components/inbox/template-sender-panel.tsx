"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { sendTemplateAction } from "@/app/(dashboard)/inbox/template-actions";
import type { TemplatesResponse } from "@/app/api/templates/route";
import { getJson } from "@/components/data/get-json";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { TemplateForm } from "@/components/templates/template-form";
import { TemplatePicker } from "@/components/templates/template-picker";
import { toast } from "@/components/ui/toast";
import type { ChatMessage } from "@/lib/inbox/types";
import type { TemplateListItem } from "@/lib/templates/queries";

type Props = {
  conversationId: string;
  contactName: string | null;
  chosen: TemplateListItem | null;
  setChosen: (template: TemplateListItem | null) => void;
  onSent: (message: ChatMessage) => void;
  close: () => void;
};

/** The template dialog's body: the list of templates, then the chosen one's form. Loaded when the dialog first opens. */
export function TemplateSenderPanel({ conversationId, contactName, chosen, setChosen, onSent, close }: Props) {
  const t = useTranslations("templates.picker");
  const templates = useQuery({
    queryKey: ["templates"],
    queryFn: ({ signal }) => getJson<TemplatesResponse>("/api/templates", signal),
    staleTime: 0,
  });
  // An admin's sync while the picker is open: show the new list (and statuses) at once.
  useRealtimeEvent("settings.updated", ({ section }) => {
    if (section === "templates") void templates.refetch();
  });
  return (
    <>
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
            close();
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
    </>
  );
}
