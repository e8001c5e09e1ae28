import { getTranslations } from "next-intl/server";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AgentPerformanceRow } from "@/lib/reports/agent-performance";
import { formatDuration } from "@/lib/reports/format-duration";

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
          <TableHead scope="col">{t("agent")}</TableHead>
          <TableHead scope="col" className="text-right">{t("chatsAssigned")}</TableHead>
          <TableHead scope="col" className="text-right">{t("chatsResolved")}</TableHead>
          <TableHead scope="col" className="text-right">{t("messagesSent")}</TableHead>
          <TableHead scope="col" className="text-right">{t("medianFirstResponse")}</TableHead>
          <TableHead scope="col" className="text-right">{t("medianResponse")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.userId}>
            <TableHead scope="row" className="font-medium">{row.name}</TableHead>
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
