"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CleanupRunRow } from "@/lib/retention/runs";

/** Dates cross to a client component as ISO strings. */
export type CleanupRunItem = Omit<CleanupRunRow, "startedAt"> & { startedAt: string };

export function ChatCleanupRuns({ runs }: { runs: CleanupRunItem[] }) {
  const t = useTranslations("settings.chatCleanup");
  const format = useFormatter();

  const duration = (ms: number | null) => {
    if (ms === null) return "—";
    if (ms < 1000) return t("milliseconds", { value: format.number(ms) });
    return t("seconds", { value: format.number(ms / 1000, { maximumFractionDigits: 1 }) });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("runsTitle")}</h2>
        </CardTitle>
        <CardDescription>{t("runsDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {runs.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("runsEmpty")}</p>
        ) : (
          <Table>
            <TableCaption className="sr-only">{t("runsTable")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.when")}</TableHead>
                <TableHead>{t("columns.by")}</TableHead>
                <TableHead className="text-right">{t("columns.messages")}</TableHead>
                <TableHead className="text-right">{t("columns.chats")}</TableHead>
                <TableHead className="text-right">{t("columns.duration")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => (
                <TableRow key={run.id}>
                  <TableCell>
                    <time dateTime={run.startedAt}>{format.dateTime(new Date(run.startedAt), { dateStyle: "medium", timeStyle: "short" })}</time>
                  </TableCell>
                  <TableCell>{run.trigger === "schedule" ? t("schedule") : (run.triggeredByName ?? t("formerMember"))}</TableCell>
                  <TableCell className="text-right tabular-nums">{format.number(run.messagesDeleted)}</TableCell>
                  <TableCell className="text-right tabular-nums">{format.number(run.conversationsDeleted)}</TableCell>
                  <TableCell className="text-right tabular-nums">{duration(run.durationMs)}</TableCell>
                  <TableCell>
                    <Badge variant={run.status === "completed" ? "secondary" : "outline"}>{t(`statuses.${run.status}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
