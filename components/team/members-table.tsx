"use client";

import { MoreHorizontal } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import { changeRoleAction, setCanReassignLeadsAction, setMemberActiveAction } from "@/app/(dashboard)/team/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TeamMember } from "@/lib/team/members";

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

  return (
    <Table>
      <TableCaption className="sr-only">{t("team.membersTable")}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("team.name")}</TableHead>
          <TableHead>{t("team.email")}</TableHead>
          <TableHead>{t("team.role")}</TableHead>
          <TableHead>{t("team.status")}</TableHead>
          <TableHead>{t("team.availability")}</TableHead>
          <TableHead className="text-right">{t("team.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((row) => {
          const self = row.userId === currentUserId;
          return (
            <TableRow key={row.membershipId} data-state={row.active ? undefined : "inactive"}>
              <TableCell className="font-medium">
                {row.name}
                {self && <span className="ml-1 text-muted-foreground">({t("team.you")})</span>}
              </TableCell>
              <TableCell>{row.email}</TableCell>
              <TableCell>
                {t(`team.roles.${row.role}`)}
                {row.role === "agent" && row.canReassignLeads && (
                  <Badge variant="outline" className="ml-2">
                    {t("team.reassignsLeads")}
                  </Badge>
                )}
              </TableCell>
              <TableCell>
                <Badge variant={row.active ? "secondary" : "outline"}>{row.active ? t("team.active") : t("team.inactive")}</Badge>
              </TableCell>
              <TableCell>{t(`availability.${row.availability}`)}</TableCell>
              <TableCell className="text-right">
                {!self && (
                  <DropdownMenu>
                    <DropdownMenuTrigger asChild>
                      <Button variant="ghost" size="icon" aria-label={t("team.memberActions", { name: row.name })} disabled={pending}>
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
  );
}
