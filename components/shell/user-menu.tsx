"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { logout, setAvailability, setLocale } from "@/app/(dashboard)/actions";
import { byOpenChange, lazyPanel } from "@/components/ui/lazy-panel";
import { toast } from "@/components/ui/toast";
import { useLazyComponent } from "@/components/ui/use-lazy-component";
import type { Availability } from "@/lib/db/schema";
import { UserMenuButton } from "./user-menu-button";

// Every page shows the account button; the menu (Radix dropdown) and the rarely opened dialogs (forms, the
// alert dialog) load when first asked for, not with the page.
const loadDropdown = () => import("./user-menu-dropdown").then((m) => m.UserMenuDropdown);
const ChangePasswordDialog = lazyPanel(() => import("./change-password-dialog").then((m) => m.ChangePasswordDialog), byOpenChange);
const SignOutEverywhereDialog = lazyPanel(() => import("./sign-out-everywhere-dialog").then((m) => m.SignOutEverywhereDialog), byOpenChange);

export type UserMenuProps = {
  member: { name: string; email: string; availability: Availability };
  locale: string;
};

export function UserMenu({ member, locale }: UserMenuProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [menuOpen, setMenuOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The dialogs live outside the menu, which closes (and unmounts its items) when one opens.
  const [dialog, setDialog] = useState<"password" | "everywhere" | null>(null);
  // Once loaded, each dialog stays mounted: they animate out and keep their state as before.
  const [loaded, setLoaded] = useState({ password: false, everywhere: false });
  const [UserMenuDropdown, loadDropdownNow, dropdownPending] = useLazyComponent(loadDropdown);
  const load = (name: keyof typeof loaded) => setLoaded((was) => (was[name] ? was : { ...was, [name]: true }));
  function openDialog(name: "password" | "everywhere") {
    load(name);
    setDialog(name);
  }

  function run(task: () => Promise<{ ok: boolean; error?: string } | undefined>) {
    startTransition(async () => {
      const result = await task();
      if (result && !result.ok) toast.error(result.error);
      else router.refresh();
    });
  }

  const button = <UserMenuButton ref={buttonRef} member={member} disabled={pending} />;
  return (
    <>
      {UserMenuDropdown ? (
        <UserMenuDropdown
          email={member.email}
          availability={member.availability}
          locale={locale}
          open={menuOpen}
          onOpenChange={setMenuOpen}
          trigger={button}
          onAvailability={(availability) => run(() => setAvailability({ availability }))}
          onLocale={(next) => run(() => setLocale({ locale: next }))}
          onChangePassword={() => openDialog("password")}
          onSignOut={() => run(() => logout({}))}
          onSignOutEverywhere={() => openDialog("everywhere")}
        />
      ) : (
        <UserMenuButton
          ref={buttonRef}
          member={member}
          disabled={pending}
          aria-haspopup="menu"
          aria-expanded={false}
          onClick={() => {
            loadDropdownNow();
            setMenuOpen(true);
          }}
        />
      )}
      {dropdownPending}
      {loaded.password && (
        <ChangePasswordDialog
          email={member.email}
          open={dialog === "password"}
          onOpenChange={(open) => setDialog(open ? "password" : null)}
          triggerRef={buttonRef}
        />
      )}
      {loaded.everywhere && (
        <SignOutEverywhereDialog open={dialog === "everywhere"} onOpenChange={(open) => setDialog(open ? "everywhere" : null)} triggerRef={buttonRef} />
      )}
    </>
  );
}
