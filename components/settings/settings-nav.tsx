"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function SettingsNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label={label} className="flex shrink-0 flex-row gap-1 md:w-56 md:flex-col">
      {items.map((item) => {
        // A section's subpages (e.g. webhook forwarding's deliveries) keep it highlighted.
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn("rounded-md px-3 py-2 text-sm", active ? "bg-accent font-medium" : "hover:bg-accent/60")}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
