"use client";

import { useTranslations } from "next-intl";
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

type Props = {
  email: string;
  availability: Availability;
  locale: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The menu's button (user-menu-button.tsx), made the Radix trigger here. */
  trigger: React.ReactElement;
  onAvailability: (availability: Availability) => void;
  onLocale: (locale: Locale) => void;
  onChangePassword: () => void;
  onSignOut: () => void;
  onSignOutEverywhere: () => void;
};

/** The account menu itself; user-menu.tsx loads it on the first press of its button. */
export function UserMenuDropdown({ email, availability, locale, open, onOpenChange, trigger, ...on }: Props) {
  const t = useTranslations();
  return (
    <DropdownMenu open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel className="truncate font-normal text-muted-foreground">{email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("nav.availability")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={availability} onValueChange={(value) => on.onAvailability(value as Availability)}>
          <DropdownMenuRadioItem value="available">{t("availability.available")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="away">{t("availability.away")}</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("nav.language")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={locale} onValueChange={(value) => on.onLocale(value as Locale)}>
          {LOCALES.map((code) => (
            <DropdownMenuRadioItem key={code} value={code} lang={code}>
              {t(`locales.${code}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={on.onChangePassword}>{t("account.changePassword")}</DropdownMenuItem>
        <DropdownMenuItem onSelect={on.onSignOut}>{t("nav.signOut")}</DropdownMenuItem>
        <DropdownMenuItem onSelect={on.onSignOutEverywhere}>{t("account.signOutEverywhere")}</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
