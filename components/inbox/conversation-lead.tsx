"use client";

import { Contact } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import { createLeadFromConversationAction } from "@/app/(dashboard)/leads/actions";
import { Button } from "@/components/ui/button";

/** The chat's link to its CRM lead, or a button that makes one when automatic capture did not. */
export function ConversationLead({ conversationId, lead }: { conversationId: string; lead: { id: string; status: string } | null | undefined }) {
  const t = useTranslations("inbox.lead");
  const tStatus = useTranslations("leads.status");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  if (lead) {
    return (
      <Button asChild variant="outline" size="sm">
        <Link href={`/leads/${lead.id}`} aria-label={t("open", { status: tStatus(lead.status as never) })}>
          <Contact aria-hidden />
          {tStatus(lead.status as never)}
        </Link>
      </Button>
    );
  }
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await createLeadFromConversationAction({ conversationId });
          if (!result.ok) {
            toast.error(result.error);
            return;
          }
          toast.success(t("created"));
          router.push(`/leads/${result.data.leadId}`);
        })
      }
    >
      <Contact aria-hidden />
      {t("create")}
    </Button>
  );
}
