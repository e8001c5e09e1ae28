import { deleteExpiredAuthSessions } from "@/lib/auth/auth-sessions";
import { getDb } from "@/lib/db/client";
import { cronRoute } from "@/lib/http/cron";
import { runScheduledCleanup } from "@/lib/retention/schedule";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Leaves headroom under maxDuration: the run in progress finishes its batch and records itself. */
const TIME_BUDGET_MS = 50_000;

/**
 * Schedule: daily at 03:00 UTC (vercel.json, `0 3 * * *`); any scheduler may
 * call it with `Authorization: Bearer $CRON_SECRET` when self-hosted.
 * Deletes chat history older than each workspace's saved period, for the
 * workspaces that switched automatic cleanup on. Work left when the budget
 * runs out is finished by the next call, and a call overlapping a running one
 * skips the workspaces it is cleaning, so calling it more often is harmless.
 * It also removes expired sign-in sessions (auth_sessions rows the member
 * lookup already refuses), a bounded batch per call.
 */
export const GET = cronRoute("cleanup", async () => {
  const now = new Date();
  const expiredSessions = await deleteExpiredAuthSessions(getDb(), now);
  return { ...(await runScheduledCleanup(getDb(), { now, budgetMs: TIME_BUDGET_MS })), expiredSessions };
});
