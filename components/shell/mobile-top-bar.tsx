"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { byOpenChange, lazyPanel } from "@/components/ui/lazy-panel";
import { isChatPath } from "./chat-path";

// The sheet's code (Radix Dialog, scroll lock, focus trap) loads on the first press of the menu button, not with every page.
const MobileMenuSheet = lazyPanel(() => import("./mobile-menu-sheet").then((m) => m.MobileMenuSheet), byOpenChange);

type Props = { appName: string; menuLabel: string; closeLabel: string; status: React.ReactNode; menu: React.ReactNode };

/**
 * The phone's navigation: a slim bar with a menu button that opens the
 * sidebar's links as a sheet. An open chat has its own header with a back
 * control, so the bar steps aside there to leave the height to the messages.
 */
export function MobileTopBar({ appName, menuLabel, closeLabel, status, menu }: Props) {
  const pathname = usePathname() ?? "";
  const [open, setOpen] = useState(false);
  // Stays true after the first opening: the sheet then animates out and back like any Radix sheet.
  const [loaded, setLoaded] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [openedAt, setOpenedAt] = useState(pathname);
  // Following a link in the sheet navigates; the sheet closes with it.
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }
  if (isChatPath(pathname)) return null;
  return (
    <header className="sticky top-0 z-40 flex h-12 shrink-0 items-center gap-2 border-b bg-background px-2 md:hidden">
      <Button
        ref={triggerRef}
        variant="ghost"
        size="icon"
        aria-label={menuLabel}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        <Menu aria-hidden />
      </Button>
      {loaded && (
        <MobileMenuSheet open={open} onOpenChange={setOpen} title={menuLabel} closeLabel={closeLabel} triggerRef={triggerRef}>
          {menu}
        </MobileMenuSheet>
      )}
      <span className="text-sm font-semibold text-primary">{appName}</span>
      <div className="ml-auto min-w-0">{status}</div>
    </header>
  );
}
