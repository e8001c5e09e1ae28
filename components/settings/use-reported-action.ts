"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";

export type ActionResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Runs a row manager's server action and reports it: a toast either way,
 * field errors handed back to the form that asked, the page re-rendered on
 * success.
 */
export function useReportedAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function run(task: () => Promise<ActionResult>, success: string, onDone?: () => void, onFieldErrors?: (errors: Record<string, string>) => void) {
    startTransition(async () => {
      const result = await task();
      if (!result.ok) {
        if (result.fieldErrors && onFieldErrors) onFieldErrors(result.fieldErrors);
        toast.error(result.error);
        return;
      }
      toast.success(success);
      onDone?.();
      router.refresh();
    });
  }
  return { run, pending };
}
