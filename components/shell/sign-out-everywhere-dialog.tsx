"use client";

import { useTranslations } from "next-intl";
import { useTransition, type RefObject } from "react";
import { toast } from "@/components/ui/toast";
import { signOutEverywhere } from "@/app/(dashboard)/actions";
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
import { buttonVariants } from "@/components/ui/button";
import { focusBackTo } from "@/components/ui/focus-back-to";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The account button: focus goes back there on close (the menu item that opened this is gone by then). */
  triggerRef: RefObject<HTMLButtonElement | null>;
};

/** Confirms, then ends every session of the person; the action sends this browser to the sign-in screen too. */
export function SignOutEverywhereDialog({ open, onOpenChange, triggerRef }: Props) {
  const t = useTranslations();
  const [pending, startTransition] = useTransition();

  function confirm(event: React.MouseEvent) {
    // Stay open (and disabled) until the redirect arrives.
    event.preventDefault();
    startTransition(async () => {
      const result = await signOutEverywhere({});
      if (result && !result.ok) {
        toast.error(result.error);
        onOpenChange(false);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={focusBackTo(triggerRef)}>
        <AlertDialogHeader>
          <AlertDialogTitle>{t("account.signOutEverywhereTitle")}</AlertDialogTitle>
          <AlertDialogDescription>{t("account.signOutEverywhereDescription")}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{t("common.cancel")}</AlertDialogCancel>
          <AlertDialogAction className={buttonVariants({ variant: "destructive" })} onClick={confirm} disabled={pending} aria-busy={pending}>
            {t("account.signOutEverywhereConfirm")}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
