"use client";

import { UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { byOpenChange, lazyPanel } from "@/components/ui/lazy-panel";
import type { ConversationDetail } from "@/lib/inbox/types";
import { assignmentChoices, hasChoices } from "./assignment-choices";
import { useAssignableMembers } from "./use-assignable-members";

// The dialog (search, member list, Radix Dialog) loads on the picker's first opening; the button shows at once.
const AssigneeDialog = lazyPanel(() => import("./assignee-dialog").then((m) => m.AssigneeDialog), byOpenChange);

type Props = {
  detail: ConversationDetail;
  currentUserId: string;
  /** Called after a successful change with the conversation as this member now sees it (null: out of their sight). */
  onAssigned: (detail: ConversationDetail | null) => Promise<void>;
  /** Set both to open the picker from elsewhere (the chat's "more" menu on phones, where this button is hidden). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes when the picker closes, if not its own button (hidden on phones). */
  onCloseAutoFocus?: (event: Event) => void;
};

/** The chat header's assignee button and its searchable member picker. */
export function AssigneePicker({ detail, currentUserId, onAssigned, open: controlledOpen, onOpenChange, onCloseAutoFocus }: Props) {
  const t = useTranslations("inbox.assignment");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  // Once opened (from this button or the phone's menu) the dialog stays mounted, so it can animate out.
  const [loaded, setLoaded] = useState(false);
  if (open && !loaded) setLoaded(true);
  const assignable = useAssignableMembers();
  const { members } = assignable;

  // The viewer is an active member, so their role comes with the list.
  const me = members?.find((m) => m.userId === currentUserId) ?? null;
  const choices = assignmentChoices(me, detail.assignee?.id ?? null, members ?? []);
  // Until the list arrives the button stays usable; the dialog shows the loading state.
  const locked = members !== null && !hasChoices(choices);

  return (
    <>
      <Button
        ref={buttonRef}
        type="button"
        variant="outline"
        size="sm"
        className="max-w-48"
        aria-label={detail.assignee ? t("assignee", { name: detail.assignee.name }) : t("assign")}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={locked ? t("noChoices") : undefined}
        disabled={locked}
        onClick={() => setOpen(true)}
      >
        <UserRound aria-hidden />
        <span className="truncate">{detail.assignee ? detail.assignee.name : t("assignShort")}</span>
      </Button>
      {loaded && (
        <AssigneeDialog
          detail={detail}
          currentUserId={currentUserId}
          onAssigned={onAssigned}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={onCloseAutoFocus}
          triggerRef={buttonRef}
          assignable={assignable}
        />
      )}
    </>
  );
}
