import { and, count, eq, gte, sql, sum } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { aiUsage } from "@/lib/db/schema";

export type AiUsageEntry = {
  workspaceId: string;
  /** Who asked; null for the assistant, which acts on nobody's behalf. */
  userId: string | null;
  /** A composer action (lib/ai/models.ts AI_ACTIONS) or "assistant". */
  action: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  success: boolean;
  /** The AppError code of a failed call (`unavailable:ai_invalid_key`, `rate_limited:ai`, ...); null on success. */
  errorCode: string | null;
};

/** One row per AI call, failed ones included, so the settings page can show what the key is spending. */
export async function recordAiUsage(db: Db, entry: AiUsageEntry): Promise<void> {
  const whole = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0);
  await db.insert(aiUsage).values({
    workspaceId: entry.workspaceId,
    userId: entry.userId,
    action: entry.action,
    model: entry.model,
    inputTokens: whole(entry.inputTokens),
    outputTokens: whole(entry.outputTokens),
    durationMs: whole(entry.durationMs),
    success: entry.success,
    errorCode: entry.success ? null : entry.errorCode,
  });
}

export type AiUsageSummary = { calls: number; inputTokens: number; outputTokens: number; failures: number };

/**
 * This calendar month's calls, tokens in and out, and failed calls of the workspace. The month is the
 * business's: it starts at midnight on the 1st in the workspace's time zone (`member.timeZone`).
 */
export async function getMonthlyAiUsage(db: Db, workspaceId: string, timeZone: string): Promise<AiUsageSummary> {
  const monthStart = sql`(date_trunc('month', now() at time zone ${timeZone}) at time zone ${timeZone})`;
  const [row] = await db
    .select({
      calls: count(),
      inputTokens: sum(aiUsage.inputTokens),
      outputTokens: sum(aiUsage.outputTokens),
      failures: sql<number>`count(*) filter (where not ${aiUsage.success})`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.workspaceId, workspaceId), gte(aiUsage.createdAt, monthStart)));
  return {
    calls: Number(row?.calls ?? 0),
    inputTokens: Number(row?.inputTokens ?? 0),
    outputTokens: Number(row?.outputTokens ?? 0),
    failures: Number(row?.failures ?? 0),
  };
}
