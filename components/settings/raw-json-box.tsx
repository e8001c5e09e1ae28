"use client";

import { Check, Copy, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * A dead letter's JSON in a scrolling box of its own, so a megabyte of it
 * never stretches the page: a few lines until expanded; copied as loaded,
 * downloaded whole.
 */
export function RawJsonBox({ raw, label, truncatedNote, downloadHref }: { raw: string; label: string; truncatedNote: string | null; downloadHref: string }) {
  const t = useTranslations("deadLetters");
  const [expanded, setExpanded] = useState(false);
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid min-w-0 gap-2">
      <pre
        // A scrolling region is reached and scrolled with the keyboard too.
        tabIndex={0}
        role="region"
        aria-label={label}
        className={cn(
          "min-w-0 overflow-auto rounded-md bg-muted p-2 font-mono text-xs break-all whitespace-pre-wrap",
          expanded ? "max-h-[60vh]" : "max-h-24",
        )}
      >
        {raw}
      </pre>
      {truncatedNote && <p className="text-xs text-muted-foreground">{truncatedNote}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" aria-expanded={expanded} aria-label={`${expanded ? t("collapse") : t("expand")}: ${label}`} onClick={() => setExpanded(!expanded)}>
          {expanded ? t("collapse") : t("expand")}
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-label={`${t("copy")}: ${label}`}
          onClick={async () => {
            await navigator.clipboard.writeText(raw);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button asChild variant="outline" size="sm">
          <a href={downloadHref} download aria-label={`${t("download")}: ${label}`}>
            <Download aria-hidden />
            {t("download")}
          </a>
        </Button>
      </div>
    </div>
  );
}
