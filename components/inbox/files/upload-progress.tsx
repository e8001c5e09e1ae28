"use client";

import { useTranslations } from "next-intl";

/** The upload's progress bar with its percentage read out; `doneText` once every byte left the browser. */
export function UploadProgress({ fraction, doneText }: { fraction: number; doneText: string }) {
  const t = useTranslations("files");
  const percent = Math.round(fraction * 100);
  return (
    <div className="flex flex-col gap-1">
      <div role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded-full bg-muted">
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {percent < 100 ? t("uploading", { percent }) : doneText}
      </p>
    </div>
  );
}
