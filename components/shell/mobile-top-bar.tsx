"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { isChatPath } from "./chat-path";

type Props = { appName: string; menuLabel: string; closeLabel: string; status: React.ReactNode; menu: React.ReactNode };

/**
 * The phone's navigation: a slim bar with a menu button that opens the
 * sidebar's links as a sheet. An open chat has its own header with a back
 * control, so the bar steps aside there to leave the height to the messages.
 */
export function MobileTopBar({ appName, menuLabel, closeLabel, status, menu }: Props) {
  const pathname = usePathname() ?? "";
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  // Following a link in the sheet navigates; the sheet closes with it.
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }
  if (isChatPath(pathname)) return null;
  return (
    <header className="sticky top-0 z-40 flex h-12 shrink-0 items-center gap-2 border-b bg-background px-2 md:hidden">
      <Sheet open={open} onOpenChange={setOpen}>
        <SheetTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={menuLabel}>
            <Menu aria-hidden />
          </Button>
        </SheetTrigger>
        <SheetContent side="left" closeLabel={closeLabel} className="w-72 gap-0 bg-sidebar p-0 text-sidebar-foreground">
          <SheetTitle className="sr-only">{menuLabel}</SheetTitle>
          {menu}
        </SheetContent>
      </Sheet>
      <span className="text-sm font-semibold text-primary">{appName}</span>
      <div className="ml-auto min-w-0">{status}</div>
    </header>
  );
}
