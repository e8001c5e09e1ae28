"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { deleteQuickReplyAction } from "@/app/(dashboard)/quick-replies/actions";
import { useReportedAction } from "@/components/settings/use-reported-action";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { cardTable } from "@/components/ui/card-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { QuickReplyScope } from "@/lib/quick-replies/input";
import type { QuickReply } from "@/lib/quick-replies/types";
import { cn } from "@/lib/utils";
import { QuickReplyDialog, type QuickReplyEditing } from "./quick-reply-dialog";

type Props = { workspace: QuickReply[]; own: QuickReply[]; canManageWorkspace: boolean };

/** The quick replies page: the workspace's list (admins edit it, agents read it) and the member's own list. */
export function QuickRepliesManager({ workspace, own, canManageWorkspace }: Props) {
  const t = useTranslations("quickReplies");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [editing, setEditing] = useState<QuickReplyEditing | null>(null);
  const [deleting, setDeleting] = useState<QuickReply | null>(null);
  const actions = { onEdit: (reply: QuickReply) => setEditing({ kind: "edit", reply }), onDelete: setDeleting, pending };
  return (
    <div className="grid gap-8">
      <ReplySection
        scope="workspace"
        replies={workspace}
        editable={canManageWorkspace}
        onAdd={() => setEditing({ kind: "new", scope: "workspace" })}
        {...actions}
      />
      <ReplySection scope="own" replies={own} editable onAdd={() => setEditing({ kind: "new", scope: "own" })} {...actions} />

      <QuickReplyDialog key={editing?.kind === "edit" ? editing.reply.id : (editing?.scope ?? "none")} editing={editing} onClose={() => setEditing(null)} />

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle", { shortcut: deleting?.shortcut ?? "" })}</AlertDialogTitle>
            <AlertDialogDescription>{deleting?.scope === "workspace" ? t("deleteWorkspaceDescription") : t("deleteOwnDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{tCommon("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              className={buttonVariants({ variant: "destructive" })}
              onClick={() => {
                if (deleting) run(() => deleteQuickReplyAction({ id: deleting.id }), t("deleted"));
              }}
            >
              {t("deleteConfirm")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

type SectionProps = {
  scope: QuickReplyScope;
  replies: QuickReply[];
  editable: boolean;
  pending: boolean;
  onAdd: () => void;
  onEdit: (reply: QuickReply) => void;
  onDelete: (reply: QuickReply) => void;
};

function ReplySection({ scope, replies, editable, pending, onAdd, onEdit, onDelete }: SectionProps) {
  const t = useTranslations("quickReplies");
  const headingId = `quick-replies-${scope}`;
  const cell = cn(cardTable.cell, cardTable.labelled);
  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-[1_1_14rem]">
          <h2 id={headingId} className="text-base font-semibold">
            {scope === "workspace" ? t("workspaceTitle") : t("ownTitle")}
          </h2>
          <p className="text-sm text-muted-foreground">
            {scope === "own" ? t("ownDescription") : editable ? t("workspaceDescription") : t("workspaceReadOnly")}
          </p>
        </div>
        {editable && (
          <Button variant="outline" onClick={onAdd}>
            <Plus aria-hidden />
            {scope === "workspace" ? t("addWorkspace") : t("addOwn")}
          </Button>
        )}
      </div>
      {replies.length === 0 ? (
        <p className="rounded-md border border-dashed p-4 text-sm text-muted-foreground">{scope === "workspace" ? t("emptyWorkspace") : t("emptyOwn")}</p>
      ) : (
        <div className={cardTable.container}>
          <Table className={cn(cardTable.table, "table-fixed")}>
            <TableCaption className="sr-only">{scope === "workspace" ? t("workspaceTitle") : t("ownTitle")}</TableCaption>
            <TableHeader className={cardTable.header}>
              <TableRow>
                <TableHead className="w-40">{t("fieldShortcut")}</TableHead>
                <TableHead className="w-56">{t("fieldTitle")}</TableHead>
                <TableHead>{t("fieldBody")}</TableHead>
                {editable && <TableHead className="w-24 text-right">{t("actions")}</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody className={cardTable.body}>
              {replies.map((reply) => (
                <TableRow key={reply.id} className={cardTable.row}>
                  {/* In a card the edit and delete buttons sit in the top corner: the first lines leave them room. */}
                  <TableCell data-label={t("fieldShortcut")} className={cn(cell, cardTable.full, "align-top break-all whitespace-normal", editable && "@max-2xl:pr-20")}>
                    <span className="font-mono">/{reply.shortcut}</span>
                  </TableCell>
                  <TableCell data-label={t("fieldTitle")} className={cn(cell, cardTable.full, "align-top font-medium break-words whitespace-normal")}>
                    {reply.title}
                  </TableCell>
                  <TableCell data-label={t("fieldBody")} className={cn(cell, cardTable.full, "align-top whitespace-normal")}>
                    <p className="line-clamp-3 break-words whitespace-pre-line text-muted-foreground">{reply.body}</p>
                  </TableCell>
                  {editable && (
                    <TableCell className={cn(cardTable.cell, "text-right align-top @max-2xl:absolute @max-2xl:top-1.5 @max-2xl:right-1.5")}>
                      <div className="flex justify-end gap-1">
                        <Button variant="ghost" size="icon" aria-label={t("edit", { shortcut: reply.shortcut })} disabled={pending} onClick={() => onEdit(reply)} className="max-md:size-10">
                          <Pencil aria-hidden />
                        </Button>
                        <Button variant="ghost" size="icon" aria-label={t("delete", { shortcut: reply.shortcut })} disabled={pending} onClick={() => onDelete(reply)} className="max-md:size-10">
                          <Trash2 aria-hidden />
                        </Button>
                      </div>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
