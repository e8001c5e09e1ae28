import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { runCleanup } from "./cleanup";
import { chatCleanupSection } from "./settings";

export type ScheduledCleanupSummary = {
  /** Workspaces cleaned by this call (completed or partial). */
  workspaces: number;
  messagesDeleted: number;
  conversationsDeleted: number;
  /** Some work is left for the next call: the budget ran out in a workspace or before reaching one. */
  partial: boolean;
  /** Workspaces another run was cleaning at that moment. */
  skipped: number;
  /** Workspaces whose run failed (logged); the others still ran. */
  failed: number;
};

/**
 * Workspaces whose automatic cleanup is on, least recently cleaned first: a
 * workspace too big to finish in one budget cannot starve the others.
 */
async function enabledWorkspaces(db: Db): Promise<string[]> {
  const rows = rowsOf<{ workspace_id: string }>(
    await db.execute(sql`
      select s.workspace_id from settings s
      where s.section = ${chatCleanupSection.key} and s.value->>'enabled' = 'true'
      order by (select max(r.started_at) from cleanup_runs r where r.workspace_id = s.workspace_id) asc nulls first, s.workspace_id`),
  );
  return rows.map((row) => row.workspace_id);
}

/**
 * The scheduled cleanup (GET /api/cron/cleanup): every workspace that switched
 * it on, within one time budget shared by all. Each run re-reads the
 * settings, so a workspace switched off meanwhile is left alone.
 */
export async function runScheduledCleanup(db: Db, options: { now: Date; budgetMs: number; batchSize?: number }): Promise<ScheduledCleanupSummary> {
  const started = performance.now();
  const summary: ScheduledCleanupSummary = { workspaces: 0, messagesDeleted: 0, conversationsDeleted: 0, partial: false, skipped: 0, failed: 0 };
  for (const workspaceId of await enabledWorkspaces(db)) {
    const budgetMs = options.budgetMs - (performance.now() - started);
    if (budgetMs <= 0) {
      summary.partial = true;
      break;
    }
    try {
      const result = await runCleanup(db, { workspaceId, trigger: "schedule", triggeredBy: null, now: options.now, budgetMs, batchSize: options.batchSize });
      if (result.status === "busy") summary.skipped++;
      if (result.status !== "completed" && result.status !== "partial") continue;
      summary.workspaces++;
      summary.messagesDeleted += result.messagesDeleted;
      summary.conversationsDeleted += result.conversationsDeleted;
      if (result.status === "partial") summary.partial = true;
    } catch (error) {
      // One workspace's failure must not stop the others' cleanup.
      console.error(`[chat cleanup] workspace=${workspaceId} failed`, error);
      summary.failed++;
    }
  }
  return summary;
}
