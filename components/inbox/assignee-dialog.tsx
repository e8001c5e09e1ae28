"use client";

import { UserMinus, UserRoundCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type RefObject } from "react";
import { assignConversationAction } from "@/app/(dashboard)/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { focusBackTo } from "@/components/ui/focus-back-to";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { AssignableMember } from "@/lib/assignment/manual";
import type { ConversationDetail } from "@/lib/inbox/types";
import { assignmentChoices, hasChoices, matchesSearch } from "./assignment-choices";
import type { useAssignableMembers } from "./use-assignable-members";

type Props = {
  detail: ConversationDetail;
  currentUserId: string;
  onAssigned: (detail: ConversationDetail | null) => Promise<void>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
  /** The picker's button (assignee-picker.tsx): focus goes back there on close unless onCloseAutoFocus took it. */
  triggerRef: RefObject<HTMLButtonElement | null>;
  assignable: ReturnType<typeof useAssignableMembers>;
};

/** The assignee picker's dialog: search the team, assign, take or unassign. Loaded on the picker's first opening. */
export function AssigneeDialog({ detail, currentUserId, onAssigned, open, onOpenChange: setOpen, onCloseAutoFocus, triggerRef, assignable }: Props) {
  const t = useTranslations("inbox.assignment");
  const tc = useTranslations("common");
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState("");
  const [pending, startTransition] = useTransition();
  const { members, failed, reload } = assignable;

  // The viewer is an active member, so their role comes with the list.
  const me = members?.find((m) => m.userId === currentUserId) ?? null;
  const assigneeId = detail.assignee?.id ?? null;
  const choices = assignmentChoices(me, assigneeId, members ?? []);
  const matching = choices.members.filter((m) => matchesSearch(m.name, search));

  function assign(toUserId: string | null, name: string | null) {
    startTransition(async () => {
      const result = await assignConversationAction({ conversationId: detail.id, toUserId });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      setOpen(false);
      toast.success(
        toUserId === null ? t("unassignedToast") : toUserId === currentUserId ? t("assignedToYouToast") : t("assignedToast", { name: name ?? "" }),
      );
      await onAssigned(result.data);
    });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent
        closeLabel={tc("close")}
        // Phones: at the top, so the keyboard the search box opens does not cover the list.
        className="top-4 max-h-[calc(100dvh-2rem)] translate-y-0 gap-3 overflow-y-auto sm:top-[50%] sm:translate-y-[-50%]"
        onCloseAutoFocus={focusBackTo(triggerRef, onCloseAutoFocus)}
        onOpenAutoFocus={(event) => {
          // Runs on every opening, whichever control opened it: a fresh search, and the team as it is now.
          setSearch("");
          reload();
          // Typing a name is the quickest way to a colleague; without a search box Radix picks the first button.
          if (!searchRef.current) return;
          event.preventDefault();
          searchRef.current.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>{t("dialogTitle")}</DialogTitle>
          <DialogDescription>{t("dialogDescription")}</DialogDescription>
        </DialogHeader>
        {members === null ? (
          <p role="status" className="text-sm text-muted-foreground">
            {failed ? t("loadError") : t("loading")}
          </p>
        ) : !hasChoices(choices) ? (
          <p className="text-sm text-muted-foreground">{t("noChoices")}</p>
        ) : (
          <div className="flex flex-col gap-3">
            {(choices.assignToMe || choices.unassign) && (
              <div className="flex flex-wrap gap-2">
                {choices.assignToMe && (
                  <Button type="button" size="sm" disabled={pending} onClick={() => assign(currentUserId, me?.name ?? null)}>
                    <UserRoundCheck aria-hidden />
                    {t("assignToMe")}
                  </Button>
                )}
                {choices.unassign && (
                  <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => assign(null, null)}>
                    <UserMinus aria-hidden />
                    {t("unassign")}
                  </Button>
                )}
              </div>
            )}
            {choices.members.length > 0 && (
              <form
                className="flex flex-col gap-2"
                onSubmit={(event) => {
                  // Enter in the search box picks the first match.
                  event.preventDefault();
                  const first = matching[0];
                  if (first && !pending) assign(first.userId, first.name);
                }}
              >
                <Label htmlFor={searchId}>{t("search")}</Label>
                <Input
                  ref={searchRef}
                  id={searchId}
                  type="search"
                  autoComplete="off"
                  placeholder={t("searchPlaceholder")}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                />
                {matching.length === 0 ? (
                  <p className="py-2 text-sm text-muted-foreground">{t("noMatches")}</p>
                ) : (
                  <ul className="flex max-h-72 flex-col overflow-y-auto">
                    {matching.map((member) => (
                      <li key={member.userId}>
                        <MemberOption member={member} isMe={member.userId === currentUserId} disabled={pending} onPick={() => assign(member.userId, member.name)} />
                      </li>
                    ))}
                  </ul>
                )}
              </form>
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function MemberOption({ member, isMe, disabled, onPick }: { member: AssignableMember; isMe: boolean; disabled: boolean; onPick: () => void }) {
  const t = useTranslations("inbox.assignment");
  return (
    <Button type="button" variant="ghost" className="h-auto w-full justify-between gap-3 py-2" disabled={disabled} onClick={onPick}>
      <span className="truncate">{isMe ? t("you", { name: member.name }) : member.name}</span>
      <span className="flex shrink-0 gap-1">
        {member.availability === "away" && <Badge variant="outline">{t("away")}</Badge>}
        <Badge variant="secondary">{t(`role.${member.role}`)}</Badge>
      </span>
    </Button>
  );
}
