import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/lib/utils";

const REPORTS = ["agents", "leads"] as const;

/** The tabs between the report pages; `current` is marked for assistive technology too. */
export async function ReportTabs({ current }: { current: (typeof REPORTS)[number] }) {
  const t = await getTranslations("reports.nav");
  return (
    <nav aria-label={t("label")} className="flex gap-1 border-b text-sm">
      {REPORTS.map((report) => (
        <Link
          key={report}
          href={`/reports/${report}`}
          aria-current={report === current ? "page" : undefined}
          className={cn(
            "border-b-2 px-3 py-2",
            report === current ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {t(report)}
        </Link>
      ))}
    </nav>
  );
}
