"use client";

import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { createAiPromptAction, deleteAiPromptAction, moveAiPromptAction, updateAiPromptAction } from "@/app/(dashboard)/settings/ai-prompts/actions";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { AiPrompt } from "@/lib/ai/prompts";
import { useReportedAction } from "./use-reported-action";

function readPrompt(form: HTMLFormElement) {
  const data = new FormData(form);
  return { name: String(data.get("name") ?? "").trim(), instruction: String(data.get("instruction") ?? "").trim() };
}

/** Name and instruction fields, shared by the add form and the edit dialog. */
function PromptFields({ idPrefix, errors, initial }: { idPrefix: string; errors: Record<string, string>; initial?: AiPrompt }) {
  const t = useTranslations("settings.sections.ai-prompts");
  return (
    <>
      <FormField id={`${idPrefix}-name`} label={t("name")} error={errors.name}>
        <Input {...fieldAria(`${idPrefix}-name`, errors.name)} name="name" defaultValue={initial?.name} autoComplete="off" maxLength={60} required />
      </FormField>
      <FormField id={`${idPrefix}-instruction`} label={t("instruction")} description={t("instructionHelp")} error={errors.instruction}>
        <Textarea {...fieldAria(`${idPrefix}-instruction`, errors.instruction, true)} name="instruction" defaultValue={initial?.instruction} rows={3} maxLength={2000} required />
      </FormField>
    </>
  );
}

function AddPromptForm() {
  const t = useTranslations("settings.sections.ai-prompts");
  const { run, pending } = useReportedAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("addTitle")}
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const input = readPrompt(event.currentTarget);
        run(
          () => createAiPromptAction(input),
          t("added", { name: input.name }),
          () => {
            setErrors({});
            formRef.current?.reset();
          },
          setErrors,
        );
      }}
    >
      <PromptFields idPrefix="ai-prompt-new" errors={errors} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}

function EditDialog({ prompt, onClose }: { prompt: AiPrompt | null; onClose: () => void }) {
  const t = useTranslations("settings.sections.ai-prompts");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setErrors({});
    onClose();
  };
  return (
    <Dialog open={prompt !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader>
          <DialogTitle>{t("editTitle")}</DialogTitle>
          <DialogDescription>{t("editDescription")}</DialogDescription>
        </DialogHeader>
        <form
          id="edit-ai-prompt"
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!prompt) return;
            const input = readPrompt(event.currentTarget);
            run(() => updateAiPromptAction({ id: prompt.id, ...input }), t("updated"), close, setErrors);
          }}
        >
          {prompt && <PromptFields idPrefix="ai-prompt-edit" errors={errors} initial={prompt} />}
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={close}>
            {tCommon("cancel")}
          </Button>
          <Button type="submit" form="edit-ai-prompt" disabled={pending}>
            {pending ? tCommon("saving") : tCommon("save")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function AiPromptsManager({ prompts }: { prompts: AiPrompt[] }) {
  const t = useTranslations("settings.sections.ai-prompts");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [editing, setEditing] = useState<AiPrompt | null>(null);
  const [deleting, setDeleting] = useState<AiPrompt | null>(null);
  const move = (prompt: AiPrompt, direction: "up" | "down") => run(() => moveAiPromptAction({ id: prompt.id, direction }), t("moved"));

  return (
    <div className="grid gap-8">
      <AddPromptForm />
      <section aria-labelledby="ai-prompts-list" className="grid gap-3">
        <h3 id="ai-prompts-list" className="text-sm font-medium">
          {t("list")}
        </h3>
        {prompts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ol aria-labelledby="ai-prompts-list" className="grid gap-2">
            {prompts.map((prompt, index) => (
              <li key={prompt.id} className="flex flex-wrap items-start gap-x-3 gap-y-2 rounded-md border p-3">
                <div className="grid min-w-0 flex-[1_1_12rem] gap-1">
                  <p className="font-medium">{prompt.name}</p>
                  <p className="line-clamp-2 text-sm text-muted-foreground">{prompt.instruction}</p>
                </div>
                <div className="flex shrink-0 items-center gap-1 max-sm:ml-auto">
                  <Button variant="ghost" size="icon" aria-label={t("moveUp", { name: prompt.name })} disabled={pending || index === 0} onClick={() => move(prompt, "up")}>
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t("moveDown", { name: prompt.name })}
                    disabled={pending || index === prompts.length - 1}
                    onClick={() => move(prompt, "down")}
                  >
                    <ArrowDown aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" aria-label={t("edit", { name: prompt.name })} disabled={pending} onClick={() => setEditing(prompt)}>
                    <Pencil aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" aria-label={t("delete", { name: prompt.name })} disabled={pending} onClick={() => setDeleting(prompt)}>
                    <Trash2 aria-hidden />
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <EditDialog key={editing?.id ?? "none"} prompt={editing} onClose={() => setEditing(null)} />

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle", { name: deleting?.name ?? "" })}</AlertDialogTitle>
            <AlertDialogDescription>{t("deleteDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{tCommon("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              className={buttonVariants({ variant: "destructive" })}
              onClick={() => {
                if (deleting) run(() => deleteAiPromptAction({ id: deleting.id }), t("deleted"));
              }}
            >
              {t("deleteConfirm")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
