"use client";

import Link from "next/link";
import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { deleteBotAction, moveBotAction, setBotEnabledAction } from "@/app/(dashboard)/settings/bots/actions";
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
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { BOT_TRIGGERS } from "@/lib/bots/rules/definition";
import type { BotListItem } from "@/lib/bots/rules/manage-queries";
import { cn } from "@/lib/utils";

/** The kinds of bots, explained where there are none yet. */
function EmptyState() {
  const t = useTranslations("bots.list");
  const tr = useTranslations("bots.trigger");
  return (
    <div className="grid gap-3 rounded-md border border-dashed p-4 text-sm">
      <p className="font-medium">{t("emptyTitle")}</p>
      <p className="text-muted-foreground">{t("emptyIntro")}</p>
      <ul className="grid gap-2">
        {BOT_TRIGGERS.map((trigger) => (
          <li key={trigger}>
            <span className="font-medium">{tr(`${trigger}.label`)}</span>: <span className="text-muted-foreground">{tr(`${trigger}.help`)}</span>
          </li>
        ))}
      </ul>
      <p className="text-muted-foreground">{t("emptyOrder")}</p>
    </div>
  );
}

/** The trigger in words: what makes this bot answer. */
function TriggerText({ bot }: { bot: BotListItem }) {
  const t = useTranslations("bots.list");
  const tr = useTranslations("bots.trigger");
  if (bot.trigger === "keyword") {
    return (
      <span className="grid gap-0.5">
        <span>{tr(`keyword.${bot.keywordMatch}`)}</span>
        <span className="text-xs break-words text-muted-foreground">{bot.keywords.join(", ")}</span>
      </span>
    );
  }
  if (bot.trigger === "button") {
    return (
      <span className="grid gap-0.5">
        <span>{tr("button.label")}</span>
        <span className={cn("text-xs", bot.linkedFrom ? "text-muted-foreground" : "text-amber-700 dark:text-amber-400")}>
          {bot.linkedFrom ? t("linkedFrom", { count: bot.linkedFrom }) : t("notLinked")}
        </span>
      </span>
    );
  }
  return (
    <span className="grid gap-0.5">
      <span>{tr(`${bot.trigger}.label`)}</span>
      <span className="text-xs text-muted-foreground">{tr(`${bot.trigger}.short`)}</span>
    </span>
  );
}

/**
 * The workspace's bots in the order they are tried (trigger precedence, then
 * position): a table on a wide screen, cards on a phone (one markup,
 * components/ui/card-table.ts). Switch, move, edit and delete per bot.
 */
export function BotsList({ bots }: { bots: BotListItem[] }) {
  const t = useTranslations("bots.list");
  const tk = useTranslations("bots.replyKind");
  const ta = useTranslations("bots.audience");
  const tCommon = useTranslations("common");
  const { run, pending } = useReportedAction();
  const [deleting, setDeleting] = useState<BotListItem | null>(null);
  if (bots.length === 0) return <EmptyState />;
  const cell = cn(cardTable.cell, cardTable.labelled, "align-top whitespace-normal");
  const move = (bot: BotListItem, direction: "up" | "down") => run(() => moveBotAction({ id: bot.id, direction }), t("moved"));
  return (
    <>
      <div className={cardTable.container}>
        <Table className={cardTable.table}>
          <TableCaption className="sr-only">{t("caption")}</TableCaption>
          <TableHeader className={cardTable.header}>
            <TableRow>
              <TableHead>{t("columns.name")}</TableHead>
              <TableHead>{t("columns.enabled")}</TableHead>
              <TableHead>{t("columns.trigger")}</TableHead>
              <TableHead>{t("columns.audience")}</TableHead>
              <TableHead>{t("columns.reply")}</TableHead>
              <TableHead>{t("columns.counts")}</TableHead>
              <TableHead className="text-right">{t("columns.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cardTable.body}>
            {bots.map((bot) => (
              <TableRow key={bot.id} className={cardTable.row}>
                {/* In a card the row's buttons sit in the top corner: the name leaves them room. */}
                <TableCell className={cn(cardTable.cell, cardTable.full, "max-w-56 min-w-28 align-top font-medium [overflow-wrap:anywhere] whitespace-normal @max-2xl:max-w-none @max-2xl:pr-24")}>
                  <Link href={`/settings/bots/${bot.id}`} className="hover:underline">
                    {bot.name}
                  </Link>
                </TableCell>
                <TableCell data-label={t("columns.enabled")} className={cell}>
                  <Switch
                    checked={bot.enabled}
                    disabled={pending}
                    aria-label={t("enabledLabel", { name: bot.name })}
                    onCheckedChange={(enabled) => run(() => setBotEnabledAction({ id: bot.id, enabled }), enabled ? t("turnedOn", { name: bot.name }) : t("turnedOff", { name: bot.name }))}
                  />
                </TableCell>
                <TableCell data-label={t("columns.trigger")} className={cn(cell, "min-w-32")}>
                  <TriggerText bot={bot} />
                  {/* The order matters only among bots of one trigger: the first that matches answers. */}
                  {bot.rankCount > 1 && (
                    <span className="mt-1 flex gap-0.5">
                      <Button variant="ghost" size="icon" aria-label={t("moveUp", { name: bot.name })} disabled={pending || bot.rank === 0} onClick={() => move(bot, "up")} className="size-8 max-md:size-10">
                        <ArrowUp aria-hidden />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={t("moveDown", { name: bot.name })}
                        disabled={pending || bot.rank === bot.rankCount - 1}
                        onClick={() => move(bot, "down")}
                        className="size-8 max-md:size-10"
                      >
                        <ArrowDown aria-hidden />
                      </Button>
                    </span>
                  )}
                </TableCell>
                <TableCell data-label={t("columns.audience")} className={cell}>
                  {ta(`${bot.audience}.label`)}
                </TableCell>
                <TableCell data-label={t("columns.reply")} className={cell}>
                  {bot.replyKind === "media" ? tk(`media_${bot.mediaType ?? "image"}`) : tk(bot.replyKind)}
                </TableCell>
                <TableCell data-label={t("columns.counts")} className={cn(cell, "tabular-nums")}>
                  <span className="grid gap-0.5">
                    <span>{t("sentCount", { count: bot.sentCount })}</span>
                    {(bot.replyKind === "buttons" || bot.replyKind === "list") && <span className="text-xs text-muted-foreground">{t("clickCount", { count: bot.clickCount })}</span>}
                  </span>
                </TableCell>
                <TableCell className={cn(cardTable.cell, "text-right align-top @max-2xl:absolute @max-2xl:top-1.5 @max-2xl:right-1.5")}>
                  <div className="flex justify-end gap-0.5">
                    <Button variant="ghost" size="icon" asChild className="size-8 max-md:size-10">
                      <Link href={`/settings/bots/${bot.id}`} aria-label={t("edit", { name: bot.name })}>
                        <Pencil aria-hidden />
                      </Link>
                    </Button>
                    <Button variant="ghost" size="icon" aria-label={t("delete", { name: bot.name })} disabled={pending} onClick={() => setDeleting(bot)} className="size-8 max-md:size-10">
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle", { name: deleting?.name ?? "" })}</AlertDialogTitle>
            <AlertDialogDescription>
              {t("deleteDescription")}
              {deleting && deleting.linkedFrom > 0 && <> {t("deleteLinks", { count: deleting.linkedFrom })}</>}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{tCommon("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              className={buttonVariants({ variant: "destructive" })}
              onClick={() => {
                if (deleting) run(() => deleteBotAction({ id: deleting.id }), t("deleted"));
              }}
            >
              {t("deleteConfirm")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
