"use client";

import { Contact } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { createLeadFromConversationAction } from "@/app/(dashboard)/leads/actions";
import { Button } from "@/components/ui/button";

type Lead = { id: string; status: string } | null | undefined;

/** The chat's link to its CRM lead, or a button that makes one when automatic capture did not. */
export function ConversationLead({ conversationId, lead }: { conversationId: string; lead: Lead }) {
  const t = useTranslations("inbox.lead");
  const tStatus = useTranslations("leads.status");
  const { pending, create } = useCreateLead(conversationId);

  if (lead) {
    return (
      // Phones: a long status ("Em negociação") must leave room for the contact's name.
      <Button asChild variant="outline" size="sm" className="max-w-32 md:max-w-none">
        <Link href={`/leads/${lead.id}`} aria-label={t("open", { status: tStatus(lead.status as never) })}>
          <Contact aria-hidden />
          <span className="truncate">{tStatus(lead.status as never)}</span>
        </Link>
      </Button>
    );
  }
  return (
    <Button type="button" variant="outline" size="sm" disabled={pending} onClick={create}>
      <Contact aria-hidden />
      {t("create")}
    </Button>
  );
}

/** Makes the chat's contact a lead and opens it. */
function useCreateLead(conversationId: string) {
  const t = useTranslations("inbox.lead");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const create = () =>
    startTransition(async () => {
      const result = await createLeadFromConversationAction({ conversationId });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(t("created"));
      router.push(`/leads/${result.data.leadId}`);
    });
  return { pending, create };
}
