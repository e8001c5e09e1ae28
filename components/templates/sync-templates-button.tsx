"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { syncTemplatesAction } from "@/app/(dashboard)/settings/templates/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** "Sync templates": reads them all from Meta; the outcome is a toast and a line that stays (a failure in words). */
export function SyncTemplatesButton() {
  const t = useTranslations("templates.settings");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="grid justify-items-start gap-2">
      <Button
        type="button"
        disabled={pending}
        aria-busy={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await syncTemplatesAction({});
            if (!result.ok) {
              setOutcome({ ok: false, text: result.error });
              toast.error(result.error);
              return;
            }
            const text = t("synced", { count: result.data.count, removed: result.data.removed });
            setOutcome({ ok: true, text });
            toast.success(text);
            router.refresh();
          })
        }
      >
        <RefreshCw aria-hidden className={cn(pending && "animate-spin")} />
        {pending ? t("syncing") : t("sync")}
      </Button>
      <p role="status" className={cn("text-sm", outcome?.ok === false ? "text-destructive" : "text-muted-foreground", !outcome && "sr-only")}>
        {outcome?.text}
      </p>
    </div>
  );
}
