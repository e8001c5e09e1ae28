import { cronRoute } from "@/lib/http/cron";
import { drainDueJobs } from "@/lib/composition/drain-jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Schedule: every minute (vercel.json). Runs due jobs (forwarding deliveries
 * and their retries, delayed assistant replies) for up to 50 seconds; jobs
 * also run right after the webhook answers, so this mostly picks up retries
 * and delays.
 */
export const GET = cronRoute("jobs", async () => {
  const summary = await drainDueJobs({ timeBudgetMs: 50_000 });
  if (!summary) throw new Error("job run failed");
  return { ...summary };
});
