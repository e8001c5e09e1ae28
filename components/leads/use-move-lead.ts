"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { updateLeadAction } from "@/app/(dashboard)/leads/actions";
import type { LeadStatus } from "@/lib/db/schema";

/** Moves a lead to another status and refreshes the server-rendered board. */
export function useMoveLead() {
  const t = useTranslations("leads");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function move(leadId: string, status: LeadStatus) {
    startTransition(async () => {
      const result = await updateLeadAction({ leadId, status });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(t("board.moved", { status: t(`status.${status}`) }));
      router.refresh();
    });
  }

  return { move, pending };
}
