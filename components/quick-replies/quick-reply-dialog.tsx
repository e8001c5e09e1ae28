"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { createQuickReplyAction, updateQuickReplyAction } from "@/app/(dashboard)/quick-replies/actions";
import { useReportedAction } from "@/components/settings/use-reported-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { QUICK_REPLY_BODY_MAX, QUICK_REPLY_TITLE_MAX, type QuickReplyScope } from "@/lib/quick-replies/input";
import { SHORTCUT_MAX_LENGTH } from "@/lib/quick-replies/shortcut";
import type { QuickReply } from "@/lib/quick-replies/types";

/** What the dialog is for: a new reply in one of the two lists, or an existing reply. */
export type QuickReplyEditing = { kind: "new"; scope: QuickReplyScope } | { kind: "edit"; reply: QuickReply };

function readFields(form: HTMLFormElement) {
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? "");
  return { title: field("title"), shortcut: field("shortcut"), body: field("body") };
}

/** The add and edit form in a dialog; the server normalizes the shortcut and answers field errors in place. */
export function QuickReplyDialog({ editing, onClose }: { editing: QuickReplyEditing | null; onClose: () => void }) {
  const t = useTranslations("quickReplies");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setErrors({});
    onClose();
  };
  const initial = editing?.kind === "edit" ? editing.reply : undefined;
  const scope = editing?.kind === "edit" ? editing.reply.scope : editing?.scope;
  const formId = "quick-reply-form";
  const id = (name: string) => `quick-reply-${name}`;
  return (
    <Dialog open={editing !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader>
          <DialogTitle>{initial ? t("editTitle") : scope === "workspace" ? t("newWorkspaceTitle") : t("newOwnTitle")}</DialogTitle>
          <DialogDescription>{scope === "workspace" ? t("workspaceDescription") : t("ownDescription")}</DialogDescription>
        </DialogHeader>
        <form
          id={formId}
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!editing) return;
            const fields = readFields(event.currentTarget);
            if (editing.kind === "edit") run(() => updateQuickReplyAction({ id: editing.reply.id, ...fields }), t("updated"), close, setErrors);
            else run(() => createQuickReplyAction({ scope: editing.scope, ...fields }), t("added"), close, setErrors);
          }}
        >
          <FormField id={id("title")} label={t("fieldTitle")} error={errors.title}>
            <Input {...fieldAria(id("title"), errors.title)} name="title" defaultValue={initial?.title} autoComplete="off" maxLength={QUICK_REPLY_TITLE_MAX} required />
          </FormField>
          <FormField id={id("shortcut")} label={t("fieldShortcut")} description={t("shortcutHelp", { max: SHORTCUT_MAX_LENGTH })} error={errors.shortcut}>
            <Input
              {...fieldAria(id("shortcut"), errors.shortcut, true)}
              name="shortcut"
              defaultValue={initial ? `/${initial.shortcut}` : "/"}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          </FormField>
          <FormField id={id("body")} label={t("fieldBody")} description={<VariablesHelp />} error={errors.body}>
            <Textarea {...fieldAria(id("body"), errors.body, true)} name="body" defaultValue={initial?.body} rows={5} maxLength={QUICK_REPLY_BODY_MAX} required />
          </FormField>
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={close}>
            {tCommon("cancel")}
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? tCommon("saving") : tCommon("save")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The one-line help on variables, shared by the page and the form; the placeholders themselves are code, not words. */
export function VariablesHelp() {
  const t = useTranslations("quickReplies");
  return t.rich("variablesHelp", {
    firstName: () => <code className="rounded bg-muted px-1">{"{{first_name}}"}</code>,
    name: () => <code className="rounded bg-muted px-1">{"{{name}}"}</code>,
    agentName: () => <code className="rounded bg-muted px-1">{"{{agent_name}}"}</code>,
  });
}
