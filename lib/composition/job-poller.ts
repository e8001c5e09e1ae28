import { env, isBuildPhase } from "@/lib/env";
import { drainDueJobs } from "./drain-jobs";
import { stopJobRuns } from "@/lib/jobs/runner";

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
  releaseClaimsOnShutdown(holder.__jobPoller);
}

/**
 * On SIGTERM/SIGINT (a deploy, a restart, `npm start` stopping) the process
 * stops claiming and gives back the claims of the jobs it is running, so
 * another process runs them now instead of after their lease. It does so at
 * once rather than after a grace period: Next.js's own handler closes the
 * server and exits as soon as the open requests end, which may be before a
 * longer wait would. Prepended, so the release starts before Next.js's exit.
 */
function releaseClaimsOnShutdown(poller: NodeJS.Timeout): void {
  let stopped = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopped) return;
    stopped = true;
    clearInterval(poller);
    stopJobRuns()
      .then(({ released }) => released && console.log(`[jobs] ${signal}: gave back ${released} running job(s)`))
      .catch((error: unknown) => console.error("[jobs] could not give back running jobs", error))
      // A listener replaces Node's default of exiting on the signal: exit ourselves when no one else (Next.js) will.
      .finally(() => process.listenerCount(signal) === 1 && process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.prependListener("SIGTERM", onSignal);
  process.prependListener("SIGINT", onSignal);
}
