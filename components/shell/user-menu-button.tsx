"use client";

import { ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { Availability } from "@/lib/db/schema";
import { cn } from "@/lib/utils";

type Props = React.ComponentProps<typeof Button> & { member: { name: string; availability: Availability } };

/** The account menu's button: who is signed in and their availability. Radix's trigger props pass through. */
export function UserMenuButton({ member, ...props }: Props) {
  const t = useTranslations();
  return (
    <Button variant="ghost" className="h-auto w-full justify-between px-2 py-2" aria-label={t("nav.userMenu", { name: member.name })} {...props}>
      <span className="flex min-w-0 items-center gap-2">
        <span aria-hidden className={cn("size-2 shrink-0 rounded-full", member.availability === "available" ? "bg-primary" : "bg-muted-foreground")} />
        <span className="flex min-w-0 flex-col items-start">
          <span className="truncate text-sm font-medium">{member.name}</span>
          <span className="truncate text-xs text-muted-foreground">{t(`availability.${member.availability}`)}</span>
        </span>
      </span>
      <ChevronsUpDown aria-hidden className="size-4 opacity-60" />
    </Button>
  );
}
