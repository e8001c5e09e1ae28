"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import type { SaveSectionInput } from "@/lib/composition/settings-sections";

/**
 * Saving a settings section: calls the one settings action, shows field
 * errors in place (keyed by field name) and a toast on success or failure.
 */
export function useSaveSection<S extends SaveSectionInput["section"]>(section: S) {
  const t = useTranslations("common");
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function save(values: Extract<SaveSectionInput, { section: S }>["values"], onSaved?: () => void) {
    startTransition(async () => {
      const result = await saveSettingsAction({ section, values } as never);
      if (!result.ok) {
        const fields = Object.fromEntries(
          Object.entries(result.fieldErrors ?? {}).map(([path, message]) => [path.replace(/^values\./, ""), message]),
        );
        setErrors(fields);
        toast.error(result.error);
        return;
      }
      setErrors({});
      toast.success(t("saved"));
      onSaved?.();
      router.refresh();
    });
  }

  return { save, errors, pending };
}
