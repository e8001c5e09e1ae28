"use client";

import { ArrowLeft, CircleCheck, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import { reopenConversationAction, resolveConversationAction } from "@/app/(dashboard)/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { contactLabel, formatPhone } from "./contact-format";
import { filterQuery, readFilter } from "./list-filter";

type Props = { detail: ConversationDetail; currentUserId: string; onChanged: () => Promise<void> };

export function ChatHeader({ detail, currentUserId, onChanged }: Props) {
  const t = useTranslations("inbox.chat");
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const open = detail.status === "open";
  const label = contactLabel(detail.contact);

  function toggle() {
    startTransition(async () => {
      const input = { conversationId: detail.id };
      const result = open ? await resolveConversationAction(input) : await reopenConversationAction(input);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      // Wait for the fresh status so the button does not offer the same action again meanwhile.
      await onChanged();
      toast.success(open ? t("resolvedToast") : t("reopenedToast"));
    });
  }

  const assignee = detail.assignee
    ? detail.assignee.id === currentUserId
      ? t("assignedToYou")
      : t("assignedTo", { name: detail.assignee.name })
    : t("unassigned");

  return (
    <header className="flex items-center gap-3 border-b px-4 py-3">
      {/* On small screens the list is hidden while a chat is open; this is the way back. */}
      <Button asChild variant="ghost" size="icon" className="md:hidden">
        <Link href={`/inbox${filterQuery(readFilter(searchParams))}`} aria-label={t("back")}>
          <ArrowLeft aria-hidden />
        </Link>
      </Button>
      <div className="min-w-0 flex-1">
        <h2 className="truncate font-semibold">{label}</h2>
        <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
          {detail.contact.name && <span>{formatPhone(detail.contact.waId)}</span>}
          <span>{assignee}</span>
        </p>
      </div>
      <Badge variant={open ? "default" : "secondary"}>{t(`status.${detail.status}`)}</Badge>
      <Button type="button" variant={open ? "default" : "outline"} size="sm" disabled={pending} onClick={toggle}>
        {open ? <CircleCheck aria-hidden /> : <RotateCcw aria-hidden />}
        {open ? t("resolve") : t("reopen")}
      </Button>
    </header>
  );
}
