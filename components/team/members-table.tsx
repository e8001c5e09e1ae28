"use client";

import { MoreHorizontal } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { changeRoleAction, setCanReassignLeadsAction, setMemberActiveAction } from "@/app/(dashboard)/team/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardTable } from "@/components/ui/card-table";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TeamMember } from "@/lib/team/members";
import { cn } from "@/lib/utils";

/** The page drops createdAt: a Date does not cross to a client component as-is, and the table does not show it. */
type Row = Omit<TeamMember, "createdAt">;

export function MembersTable({ members, currentUserId }: { members: Row[]; currentUserId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function run(task: () => Promise<{ ok: boolean; error?: string }>) {
    startTransition(async () => {
      const result = await task();
      if (!result.ok) toast.error(result.error);
      else {
        toast.success(t("team.updated"));
        router.refresh();
      }
    });
  }

  const cell = cn(cardTable.cell, cardTable.labelled);
  // Below 42rem of room (a phone) each member is a card, the actions menu in its corner.
  return (
    <div className={cardTable.container}>
      <Table className={cardTable.table}>
        <TableCaption className="sr-only">{t("team.membersTable")}</TableCaption>
        <TableHeader className={cardTable.header}>
          <TableRow>
            <TableHead>{t("team.name")}</TableHead>
            <TableHead>{t("team.email")}</TableHead>
            <TableHead>{t("team.role")}</TableHead>
            <TableHead>{t("team.status")}</TableHead>
            <TableHead>{t("team.availability")}</TableHead>
            <TableHead className="text-right">{t("team.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody className={cardTable.body}>
          {members.map((row) => {
            const self = row.userId === currentUserId;
            return (
              <TableRow key={row.membershipId} data-state={row.active ? undefined : "inactive"} className={cardTable.row}>
                <TableCell className={cn(cardTable.cell, cardTable.full, "font-medium @max-2xl:pr-10 @max-2xl:text-base")}>
                  {row.name}
                  {self && <span className="ml-1 text-muted-foreground">({t("team.you")})</span>}
                </TableCell>
                <TableCell data-label={t("team.email")} className={cn(cell, cardTable.full, "@max-2xl:break-all")}>
                  {row.email}
                </TableCell>
                <TableCell data-label={t("team.role")} className={cell}>
                  {t(`team.roles.${row.role}`)}
                  {row.role === "agent" && row.canReassignLeads && (
                    <Badge variant="outline" className="ml-2 @max-2xl:mt-1 @max-2xl:ml-0 @max-2xl:flex @max-2xl:w-fit">
                      {t("team.reassignsLeads")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell data-label={t("team.status")} className={cell}>
                  <Badge variant={row.active ? "secondary" : "outline"}>{row.active ? t("team.active") : t("team.inactive")}</Badge>
                </TableCell>
                <TableCell data-label={t("team.availability")} className={cell}>
                  {t(`availability.${row.availability}`)}
                </TableCell>
                <TableCell className={cn(cardTable.cell, "text-right @max-2xl:absolute @max-2xl:top-1.5 @max-2xl:right-1.5")}>
                  {!self && (
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon" aria-label={t("team.memberActions", { name: row.name })} disabled={pending} className="max-md:size-10">
                          <MoreHorizontal aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        <DropdownMenuItem
                          onSelect={() =>
                            run(() => changeRoleAction({ membershipId: row.membershipId, role: row.role === "admin" ? "agent" : "admin" }))
                          }
                        >
                          {row.role === "admin" ? t("team.makeAgent") : t("team.makeAdmin")}
                        </DropdownMenuItem>
                        {row.role === "agent" && (
                          <DropdownMenuItem
                            onSelect={() => run(() => setCanReassignLeadsAction({ membershipId: row.membershipId, allowed: !row.canReassignLeads }))}
                          >
                            {row.canReassignLeads ? t("team.disallowReassignLeads") : t("team.allowReassignLeads")}
                          </DropdownMenuItem>
                        )}
                        <DropdownMenuItem
                          variant={row.active ? "destructive" : "default"}
                          onSelect={() => run(() => setMemberActiveAction({ membershipId: row.membershipId, active: !row.active }))}
                        >
                          {row.active ? t("team.deactivate") : t("team.reactivate")}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
