"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";

type Item = { href: string; label: string };

/**
 * Eleven sections do not fit a phone's width as a row of links, so below md
 * they become one native picker (the phone's own wheel or list); from md up
 * they stay a vertical list beside the form.
 */
export function SettingsNav({ label, pickerLabel, items }: { label: string; pickerLabel: string; items: Item[] }) {
  const pathname = usePathname() ?? "";
  const router = useRouter();
  // A section's subpages (e.g. webhook forwarding's deliveries) keep it highlighted.
  const isActive = (item: Item) => pathname === item.href || pathname.startsWith(`${item.href}/`);
  const active = items.find(isActive);
  return (
    <>
      <div className="grid gap-1.5 md:hidden">
        <label htmlFor="settings-section" className="text-sm font-medium">
          {pickerLabel}
        </label>
        <NativeSelect
          id="settings-section"
          value={active?.href ?? ""}
          onChange={(event) => router.push(event.target.value)}
          className="h-11 text-base"
        >
          {!active && <option value="" disabled />}
          {items.map((item) => (
            <option key={item.href} value={item.href}>
              {item.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <nav aria-label={label} className="hidden w-56 shrink-0 flex-col gap-1 md:flex">
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isActive(item) ? "page" : undefined}
            className={cn("rounded-md px-3 py-2 text-sm", isActive(item) ? "bg-accent font-medium" : "hover:bg-accent/60")}
          >
            {item.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
