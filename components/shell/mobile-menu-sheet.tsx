"use client";

import type { RefObject } from "react";
import { focusBackTo } from "@/components/ui/focus-back-to";
import { Sheet, SheetContent, SheetTitle } from "@/components/ui/sheet";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  closeLabel: string;
  /** The top bar's menu button: focus goes back there on close (the sheet has no Radix trigger of its own). */
  triggerRef: RefObject<HTMLButtonElement | null>;
  children: React.ReactNode;
};

/** The phone's navigation sheet; loaded when the menu button is first pressed (mobile-top-bar.tsx). */
export function MobileMenuSheet({ open, onOpenChange, title, closeLabel, triggerRef, children }: Props) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent
        side="left"
        closeLabel={closeLabel}
        className="w-72 gap-0 bg-sidebar p-0 text-sidebar-foreground"
        onCloseAutoFocus={focusBackTo(triggerRef)}
      >
        <SheetTitle className="sr-only">{title}</SheetTitle>
        {children}
      </SheetContent>
    </Sheet>
  );
}
