import { env, isBuildPhase } from "@/lib/env";
import { drainDueJobs } from "./drain";

/**
 * A self-hosted server looks for due jobs every few seconds, so delayed
 * replies and forwarding retries run on time without an outside scheduler.
 * On Vercel, functions sleep between requests: after() and the cron route
 * run the jobs there instead. Rounds never overlap within one process, and
 * SKIP LOCKED keeps several processes from taking one job.
 */
export function startJobPoller(): void {
  if (isBuildPhase()) return;
  const seconds = env().JOBS_POLL_SECONDS ?? (env().VERCEL ? 0 : 5);
  if (!seconds) return;
  const holder = globalThis as unknown as { __jobPoller?: NodeJS.Timeout };
  if (holder.__jobPoller) return;
  let running = false;
  holder.__jobPoller = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await drainDueJobs();
    } finally {
      running = false;
    }
  }, seconds * 1000);
  holder.__jobPoller.unref();
}
