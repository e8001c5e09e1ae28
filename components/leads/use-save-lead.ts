"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { updateLeadAction } from "@/app/(dashboard)/leads/actions";

type Patch = Omit<Parameters<typeof updateLeadAction>[0], "leadId">;

/** Saves part of a lead, shows field errors in place and a toast, then re-renders the page with the new timeline. */
export function useSaveLead(leadId: string) {
  const t = useTranslations("leads.detail");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});

  function save(patch: Patch, onSaved?: () => void) {
    startTransition(async () => {
      const result = await updateLeadAction({ leadId, ...patch });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      setErrors({});
      if (result.data.changed.length > 0) toast.success(t("saved"));
      onSaved?.();
      router.refresh();
    });
  }

  return { save, pending, errors };
}
