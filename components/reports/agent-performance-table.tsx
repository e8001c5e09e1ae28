import { getTranslations } from "next-intl/server";
import { stickyFirstColumn } from "@/components/ui/card-table";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AgentPerformanceRow } from "@/lib/reports/agent-performance";
import { formatDuration } from "@/lib/reports/format-duration";
import { cn } from "@/lib/utils";

export async function AgentPerformanceTable({ rows }: { rows: AgentPerformanceRow[] }) {
  const t = await getTranslations("reports.agents");
  const units = await getTranslations("reports");
  const duration = (value: number | null) =>
    value === null ? (
      <>
        <span aria-hidden>—</span>
        <span className="sr-only">{t("noResponses")}</span>
      </>
    ) : (
      formatDuration(value, (key, values) => units(key, values))
    );
  return (
    <Table>
      <TableCaption className="sr-only">{t("tableCaption")}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col" className={stickyFirstColumn}>{t("agent")}</TableHead>
          <TableHead scope="col" className="text-right whitespace-normal">{t("chatsAssigned")}</TableHead>
          <TableHead scope="col" className="text-right whitespace-normal">{t("chatsResolved")}</TableHead>
          <TableHead scope="col" className="text-right whitespace-normal">{t("messagesSent")}</TableHead>
          <TableHead scope="col" className="text-right whitespace-normal">{t("medianFirstResponse")}</TableHead>
          <TableHead scope="col" className="text-right whitespace-normal">{t("medianResponse")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.userId}>
            <TableHead scope="row" className={cn(stickyFirstColumn, "font-medium")}>{row.name}</TableHead>
            <TableCell className="text-right tabular-nums">{row.chatsAssigned}</TableCell>
            <TableCell className="text-right tabular-nums">{row.chatsResolved}</TableCell>
            <TableCell className="text-right tabular-nums">{row.messagesSent}</TableCell>
            <TableCell className="text-right tabular-nums">{duration(row.medianFirstResponseSeconds)}</TableCell>
            <TableCell className="text-right tabular-nums">{duration(row.medianResponseSeconds)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
