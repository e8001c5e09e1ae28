"use client";

import { ChevronsUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { logout, setAvailability, setLocale } from "@/app/(dashboard)/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Availability } from "@/lib/db/schema";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { cn } from "@/lib/utils";
import { ChangePasswordDialog } from "./change-password-dialog";
import { SignOutEverywhereDialog } from "./sign-out-everywhere-dialog";

export type UserMenuProps = {
  member: { name: string; email: string; availability: Availability };
  locale: string;
};

export function UserMenu({ member, locale }: UserMenuProps) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The dialogs live outside the menu, which closes (and unmounts its items) when one opens.
  const [dialog, setDialog] = useState<"password" | "everywhere" | null>(null);

  function run(task: () => Promise<{ ok: boolean; error?: string } | undefined>) {
    startTransition(async () => {
      const result = await task();
      if (result && !result.ok) toast.error(result.error);
      else router.refresh();
    });
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" className="h-auto w-full justify-between px-2 py-2" aria-label={t("nav.userMenu", { name: member.name })} disabled={pending}>
            <span className="flex min-w-0 items-center gap-2">
              <span
                aria-hidden
                className={cn("size-2 shrink-0 rounded-full", member.availability === "available" ? "bg-primary" : "bg-muted-foreground")}
              />
              <span className="flex min-w-0 flex-col items-start">
                <span className="truncate text-sm font-medium">{member.name}</span>
                <span className="truncate text-xs text-muted-foreground">{t(`availability.${member.availability}`)}</span>
              </span>
            </span>
            <ChevronsUpDown aria-hidden className="size-4 opacity-60" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-60">
          <DropdownMenuLabel className="truncate font-normal text-muted-foreground">{member.email}</DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>{t("nav.availability")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup
            value={member.availability}
            onValueChange={(value) => run(() => setAvailability({ availability: value as Availability }))}
          >
            <DropdownMenuRadioItem value="available">{t("availability.available")}</DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="away">{t("availability.away")}</DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>{t("nav.language")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={locale} onValueChange={(value) => run(() => setLocale({ locale: value as Locale }))}>
            {LOCALES.map((code) => (
              <DropdownMenuRadioItem key={code} value={code} lang={code}>
                {t(`locales.${code}`)}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setDialog("password")}>{t("account.changePassword")}</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => run(() => logout({}))}>{t("nav.signOut")}</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setDialog("everywhere")}>{t("account.signOutEverywhere")}</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ChangePasswordDialog email={member.email} open={dialog === "password"} onOpenChange={(open) => setDialog(open ? "password" : null)} />
      <SignOutEverywhereDialog open={dialog === "everywhere"} onOpenChange={(open) => setDialog(open ? "everywhere" : null)} />
    </>
  );
}
