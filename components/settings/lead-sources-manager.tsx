"use client";

import { MoreHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import {
  addLeadSourceAction,
  archiveLeadSourceAction,
  deleteLeadSourceAction,
  renameLeadSourceAction,
  restoreLeadSourceAction,
} from "@/app/(dashboard)/settings/lead-sources/actions";
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
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { cardTable } from "@/components/ui/card-table";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LeadSource } from "@/lib/leads/sources";
import { cn } from "@/lib/utils";
import { useReportedAction } from "./use-reported-action";

function AddSourceForm() {
  const t = useTranslations("settings.leadSources");
  const { run, pending } = useReportedAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("addTitle")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
        run(
          () => addLeadSourceAction({ name }),
          t("added", { name }),
          () => {
            setErrors({});
            formRef.current?.reset();
          },
          setErrors,
        );
      }}
    >
      <FormField id="lead-source-new-name" label={t("name")} error={errors.name} className="min-w-64 flex-1">
        <Input {...fieldAria("lead-source-new-name", errors.name)} name="name" autoComplete="off" maxLength={60} required />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("adding") : t("add")}
      </Button>
    </form>
  );
}

function RenameDialog({ source, label, onClose }: { source: LeadSource | null; label: string; onClose: () => void }) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setErrors({});
    onClose();
  };
  return (
    <Dialog open={source !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader>
          <DialogTitle>{t("leadSources.renameTitle", { name: label })}</DialogTitle>
          <DialogDescription>{t("leadSources.renameDescription")}</DialogDescription>
        </DialogHeader>
        <form
          id="rename-lead-source"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!source) return;
            const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
            run(() => renameLeadSourceAction({ id: source.id, name }), t("leadSources.renamed"), close, setErrors);
          }}
        >
          <FormField id="lead-source-rename" label={t("leadSources.newName")} error={errors.name}>
            <Input {...fieldAria("lead-source-rename", errors.name)} name="name" defaultValue={source?.name} autoComplete="off" maxLength={60} required />
          </FormField>
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={close}>
            {tCommon("cancel")}
          </Button>
          <Button type="submit" form="rename-lead-source" disabled={pending}>
            {pending ? tCommon("saving") : t("leadSources.rename")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function LeadSourcesManager({ sources }: { sources: LeadSource[] }) {
  const t = useTranslations("settings.leadSources");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [renaming, setRenaming] = useState<LeadSource | null>(null);
  const [deleting, setDeleting] = useState<LeadSource | null>(null);
  const label = (source: LeadSource) => (source.systemKey ? t(`system.${source.systemKey}`) : source.name);

  return (
    <div className="grid gap-6">
      <AddSourceForm />
      {/* Below 42rem of room (a phone) each source is a card, its actions in the corner. */}
      <div className={cardTable.container}>
        <Table className={cardTable.table}>
          <TableCaption className="sr-only">{t("table")}</TableCaption>
          <TableHeader className={cardTable.header}>
            <TableRow>
              <TableHead>{t("columns.name")}</TableHead>
              <TableHead>{t("columns.kind")}</TableHead>
              <TableHead className="text-right">{t("columns.leads")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead className="text-right">{t("columns.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cardTable.body}>
            {sources.map((source) => (
              <TableRow key={source.id} data-state={source.archived ? "inactive" : undefined} className={cn(cardTable.row, "@max-2xl:grid-cols-3")}>
                <TableCell className={cn(cardTable.cell, "font-medium break-words @max-2xl:col-span-3 @max-2xl:pr-24 @max-2xl:text-base")}>{label(source)}</TableCell>
                <TableCell data-label={t("columns.kind")} className={cn(cardTable.cell, cardTable.labelled)}>
                  {source.systemKey ? t("kinds.system") : t("kinds.custom")}
                </TableCell>
                <TableCell data-label={t("columns.leads")} className={cn(cardTable.cell, cardTable.labelled, "text-right tabular-nums")}>
                  {source.leadCount}
                </TableCell>
                <TableCell data-label={t("columns.status")} className={cn(cardTable.cell, cardTable.labelled)}>
                  <Badge variant={source.archived ? "outline" : "secondary"}>{source.archived ? t("statuses.archived") : t("statuses.active")}</Badge>
                </TableCell>
                <TableCell className={cn(cardTable.cell, "text-right @max-2xl:absolute @max-2xl:top-1.5 @max-2xl:right-1.5 @max-2xl:max-w-24")}>
                  {source.systemKey ? (
                    <span className="text-sm text-muted-foreground @max-2xl:inline-block @max-2xl:pt-1.5 @max-2xl:pr-1.5 @max-2xl:text-xs">{t("systemLocked")}</span>
                  ) : (
                    // Not modal: a modal menu would leave the page inert when it hands focus to the dialog it opens.
                    <DropdownMenu modal={false}>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon" aria-label={t("actionsFor", { name: source.name })} disabled={pending} className="max-md:size-10">
                          <MoreHorizontal aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        <DropdownMenuItem onSelect={() => setRenaming(source)}>{t("rename")}</DropdownMenuItem>
                        {source.archived ? (
                          <DropdownMenuItem onSelect={() => run(() => restoreLeadSourceAction({ id: source.id }), t("restored"))}>{t("restore")}</DropdownMenuItem>
                        ) : (
                          <DropdownMenuItem onSelect={() => run(() => archiveLeadSourceAction({ id: source.id }), t("archived"))}>{t("archive")}</DropdownMenuItem>
                        )}
                        <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(source)}>
                          {t("delete")}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <RenameDialog key={renaming?.id ?? "none"} source={renaming} label={renaming ? label(renaming) : ""} onClose={() => setRenaming(null)} />

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle", { name: deleting ? label(deleting) : "" })}</AlertDialogTitle>
            <AlertDialogDescription>{t("deleteDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{tCommon("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              className={buttonVariants({ variant: "destructive" })}
              onClick={() => {
                if (deleting) run(() => deleteLeadSourceAction({ id: deleting.id }), t("deleted"));
              }}
            >
              {t("delete")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
