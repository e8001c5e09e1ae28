import "server-only";
import { getDb } from "@/lib/db/client";
import { JOB_DEFINITIONS } from "./job-kinds";
import { type RunOptions, runDueJobs, type RunSummary } from "@/lib/jobs/runner";

/** Runs due jobs on the app's database; errors are logged, never thrown at the caller's request. */
export async function drainDueJobs(options: RunOptions = {}): Promise<RunSummary | null> {
  try {
    return await runDueJobs(getDb(), JOB_DEFINITIONS, options);
  } catch (error) {
    console.error("[jobs] run failed", error);
    return null;
  }
}

/** How long an after() callback may wait for a delayed job; longer delays are left to the poller or the cron route. */
const MAX_WAIT_MS = 30_000;

/**
 * Waits until `when`, then runs due jobs: a short assistant delay is met on
 * time on Vercel too, where no poller runs and the cron route comes once a
 * minute.
 */
export async function drainWhenDue(when: Date): Promise<RunSummary | null> {
  const wait = when.getTime() - Date.now();
  if (wait > MAX_WAIT_MS) return null;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return drainDueJobs();
}
