"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type RefObject } from "react";
import { toast } from "@/components/ui/toast";
import { checkNewConversationNumberAction, startConversationAction } from "@/app/(dashboard)/inbox/new-conversation-actions";
import type { TemplatesResponse } from "@/app/api/templates/route";
import { getJson } from "@/components/data/get-json";
import { TemplateForm, type TemplateSubmitResult } from "@/components/templates/template-form";
import { TemplatePicker } from "@/components/templates/template-picker";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { focusBackTo } from "@/components/ui/focus-back-to";
import { fieldAria, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { CheckedNumber } from "@/lib/composition/start-conversation";
import type { TemplateListItem } from "@/lib/templates/queries";
import { cn } from "@/lib/utils";

type Recipient = { phone: string; name: string; checked: CheckedNumber };
type FieldErrors = { phone?: string; name?: string };

/**
 * Starts a conversation: first the number (and an optional name), checked on the server as
 * WhatsApp will read it; then an approved template, the only message a business may send first.
 */
export function NewConversationDialog({
  open,
  onOpenChange,
  triggerRef,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerRef: RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations("inbox.newConversation");
  const router = useRouter();
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [chosen, setChosen] = useState<TemplateListItem | null>(null);
  const [draft, setDraft] = useState({ phone: "", name: "" });
  const [errors, setErrors] = useState<FieldErrors>({});

  function close(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setRecipient(null);
      setChosen(null);
      setErrors({});
      setDraft({ phone: "", name: "" });
    }
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        closeLabel={t("close")}
        className={cn("max-h-[90dvh] overflow-y-auto", chosen && "sm:max-w-3xl")}
        onCloseAutoFocus={focusBackTo(triggerRef)}
      >
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{recipient ? t("templateDescription") : t("description")}</DialogDescription>
        </DialogHeader>
        {!recipient ? (
          <NumberStep
            draft={draft}
            errors={errors}
            onChange={(next) => {
              setDraft(next);
              setErrors({});
            }}
            onChecked={(checked) => setRecipient({ ...draft, checked })}
            onErrors={setErrors}
          />
        ) : (
          <div className="grid min-w-0 gap-4">
            <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-muted px-3 py-2 text-sm">
              <span>
                {t("to", { number: recipient.checked.display })}
                {recipient.name.trim() && <span className="text-muted-foreground"> · {recipient.name.trim()}</span>}
              </span>
              <Button type="button" variant="ghost" size="sm" onClick={() => (setRecipient(null), setChosen(null))}>
                <ArrowLeft aria-hidden />
                {t("changeNumber")}
              </Button>
            </div>
            {recipient.checked.existing && (
              <Alert>
                <AlertDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  {t("existing")}
                  <Link href={`/inbox/${recipient.checked.existing.conversationId}`} className="font-medium underline" onClick={() => close(false)}>
                    {t("openExisting")}
                  </Link>
                </AlertDescription>
              </Alert>
            )}
            {chosen ? (
              <TemplateForm
                template={chosen}
                contactName={recipient.name.trim() || recipient.checked.existing?.contactName || null}
                onBack={() => setChosen(null)}
                onSubmit={async (values): Promise<TemplateSubmitResult> => {
                  const result = await startConversationAction({ phone: recipient.phone, name: recipient.name, templateId: chosen.id, ...values });
                  if (!result.ok) {
                    const { phone, name } = result.fieldErrors ?? {};
                    if (phone || name) {
                      // The number or name was refused after all (e.g. the workspace's country changed): back to them.
                      setErrors({ phone, name });
                      setRecipient(null);
                      setChosen(null);
                      return result;
                    }
                    toast.error(result.error);
                    return result;
                  }
                  close(false);
                  router.push(`/inbox/${result.data.conversationId}`);
                  return { ok: true };
                }}
              />
            ) : (
              <TemplateChoice onChoose={setChosen} />
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function NumberStep({
  draft,
  errors,
  onChange,
  onChecked,
  onErrors,
}: {
  draft: { phone: string; name: string };
  errors: FieldErrors;
  onChange: (draft: { phone: string; name: string }) => void;
  onChecked: (checked: CheckedNumber) => void;
  onErrors: (errors: FieldErrors) => void;
}) {
  const t = useTranslations("inbox.newConversation");
  const [pending, startTransition] = useTransition();
  const phoneId = useId();
  const nameId = useId();
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await checkNewConversationNumberAction({ phone: draft.phone });
          if (result.ok) return onChecked(result.data);
          if (result.fieldErrors?.phone) return onErrors({ phone: result.fieldErrors.phone });
          toast.error(result.error);
        });
      }}
    >
      <FormField id={phoneId} label={t("phoneLabel")} description={t("phoneHint")} error={errors.phone}>
        <Input
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          maxLength={40}
          value={draft.phone}
          onChange={(event) => onChange({ ...draft, phone: event.target.value })}
          {...fieldAria(phoneId, errors.phone, true)}
          placeholder={t("phonePlaceholder")}
          autoFocus
        />
      </FormField>
      <FormField id={nameId} label={t("nameLabel")} description={t("nameHint")} error={errors.name}>
        <Input
          autoComplete="off"
          maxLength={100}
          value={draft.name}
          onChange={(event) => onChange({ ...draft, name: event.target.value })}
          {...fieldAria(nameId, errors.name, true)}
        />
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !draft.phone.trim()} aria-busy={pending}>
          {t("continue")}
        </Button>
      </div>
    </form>
  );
}

function TemplateChoice({ onChoose }: { onChoose: (template: TemplateListItem) => void }) {
  const t = useTranslations("templates.picker");
  const templates = useQuery({
    queryKey: ["templates"],
    queryFn: ({ signal }) => getJson<TemplatesResponse>("/api/templates", signal),
    staleTime: 0,
  });
  if (templates.data) return <TemplatePicker templates={templates.data.items} onChoose={onChoose} />;
  if (templates.error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {t("loadError")}
      </p>
    );
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {t("loading")}
    </p>
  );
}
