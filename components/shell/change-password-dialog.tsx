"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition, type RefObject } from "react";
import { toast } from "@/components/ui/toast";
import { changeOwnPassword } from "@/app/(dashboard)/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { focusBackTo } from "@/components/ui/focus-back-to";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Props = {
  email: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The account button: focus goes back there on close (the menu item that opened this is gone by then). */
  triggerRef: RefObject<HTMLButtonElement | null>;
};

/** Opened from the user menu. Other sessions of the person end; this browser stays signed in. */
export function ChangePasswordDialog({ email, open, onOpenChange, triggerRef }: Props) {
  const t = useTranslations();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function close(next: boolean) {
    onOpenChange(next);
    if (!next) setErrors({});
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = {
      currentPassword: String(data.get("currentPassword")),
      newPassword: String(data.get("newPassword")),
      confirmPassword: String(data.get("confirmPassword")),
    };
    startTransition(async () => {
      const result = await changeOwnPassword(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) toast.error(result.error);
        return;
      }
      toast.success(t("account.passwordChanged", { count: result.data.endedSessions }));
      form.reset();
      close(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent closeLabel={t("common.close")} onCloseAutoFocus={focusBackTo(triggerRef)}>
        <DialogHeader>
          <DialogTitle>{t("account.changePasswordTitle")}</DialogTitle>
          <DialogDescription>{t("account.changePasswordDescription")}</DialogDescription>
        </DialogHeader>
        <form id="change-password" onSubmit={onSubmit} className="grid gap-4" noValidate>
          {/* Lets password managers file the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <FormField id="current-password" label={t("account.currentPassword")} error={errors.currentPassword}>
            <Input {...fieldAria("current-password", errors.currentPassword)} name="currentPassword" type="password" autoComplete="current-password" required />
          </FormField>
          <FormField id="new-password" label={t("account.newPassword")} description={t("account.newPasswordHelp")} error={errors.newPassword}>
            <Input {...fieldAria("new-password", errors.newPassword, true)} name="newPassword" type="password" autoComplete="new-password" required />
          </FormField>
          <FormField id="confirm-password" label={t("account.confirmPassword")} error={errors.confirmPassword}>
            <Input {...fieldAria("confirm-password", errors.confirmPassword)} name="confirmPassword" type="password" autoComplete="new-password" required />
          </FormField>
        </form>
        <DialogFooter>
          <Button type="submit" form="change-password" disabled={pending} aria-busy={pending}>
            {pending ? t("account.changing") : t("account.changePassword")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
