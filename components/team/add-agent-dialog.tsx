"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { addAgentAction } from "@/app/(dashboard)/team/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function AddAgentDialog() {
  const t = useTranslations();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
    startTransition(async () => {
      const result = await addAgentAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) toast.error(result.error);
        return;
      }
      toast.success(t("team.added", { name: input.name }));
      setErrors({});
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) setErrors({}); }}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          {t("team.addAgent")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("team.addAgentTitle")}</DialogTitle>
          <DialogDescription>{t("team.addAgentDescription")}</DialogDescription>
        </DialogHeader>
        <form id="add-agent" onSubmit={onSubmit} className="grid gap-4" noValidate>
          <FormField id="agent-name" label={t("team.name")} error={errors.name}>
            <Input {...fieldAria("agent-name", errors.name)} name="name" autoComplete="off" required />
          </FormField>
          <FormField id="agent-email" label={t("team.email")} error={errors.email}>
            <Input {...fieldAria("agent-email", errors.email)} name="email" type="email" autoComplete="off" required />
          </FormField>
          <FormField id="agent-password" label={t("team.initialPassword")} description={t("team.initialPasswordHelp")} error={errors.password}>
            <Input {...fieldAria("agent-password", errors.password, true)} name="password" type="password" autoComplete="new-password" required />
          </FormField>
        </form>
        <DialogFooter>
          <Button type="submit" form="add-agent" disabled={pending}>
            {pending ? t("team.adding") : t("team.addAgent")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
