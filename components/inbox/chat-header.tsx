"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CircleCheck, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import { reopenConversationAction, resolveConversationAction } from "@/app/(dashboard)/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { AssigneePicker } from "./assignee-picker";
import { AssignmentHistory } from "./assignment-history";
import { BotsPaused } from "./bots-paused";
import { ConversationLead } from "./conversation-lead";
import { contactLabel, formatPhone } from "./contact-format";
import { dropFromLists } from "./inbox-cache";
import { conversationQuery } from "./inbox-queries";
import { filterQuery, readFilter } from "./list-filter";

type Props = { detail: ConversationDetail; currentUserId: string; onChanged: () => Promise<void> };

export function ChatHeader({ detail, currentUserId, onChanged }: Props) {
  const t = useTranslations("inbox.chat");
  const searchParams = useSearchParams() ?? new URLSearchParams();
  const router = useRouter();
  const client = useQueryClient();
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

  const listHref = `/inbox${filterQuery(readFilter(searchParams))}`;

  async function assigned(next: ConversationDetail | null) {
    if (next) {
      // The action answers with the conversation as it is now: no need to read it again.
      client.setQueryData(conversationQuery(detail.id).queryKey, next);
      return;
    }
    // Handed to a colleague while agents see only their own chats: this one is no longer ours to show.
    dropFromLists(client, detail.id);
    router.replace(listHref);
  }

  return (
    <>
      <header className="flex items-center gap-3 border-b px-4 py-3">
        {/* On small screens the list is hidden while a chat is open; this is the way back. */}
        <Button asChild variant="ghost" size="icon" className="md:hidden">
          <Link href={listHref} aria-label={t("back")}>
            <ArrowLeft aria-hidden />
          </Link>
        </Button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{label}</h2>
          {detail.contact.name && <p className="text-xs text-muted-foreground">{formatPhone(detail.contact.waId)}</p>}
        </div>
        <Badge variant={open ? "default" : "secondary"}>{t(`status.${detail.status}`)}</Badge>
        <AssigneePicker detail={detail} currentUserId={currentUserId} onAssigned={assigned} />
        <AssignmentHistory conversationId={detail.id} />
        <ConversationLead conversationId={detail.id} lead={detail.lead} />
        <Button type="button" variant={open ? "default" : "outline"} size="sm" disabled={pending} onClick={toggle}>
          {open ? <CircleCheck aria-hidden /> : <RotateCcw aria-hidden />}
          {open ? t("resolve") : t("reopen")}
        </Button>
      </header>
      {detail.botsPausedUntil && <BotsPaused conversationId={detail.id} pausedUntil={detail.botsPausedUntil} onChanged={onChanged} />}
    </>
  );
}
