import "server-only";
import { getDb } from "@/lib/db/client";
import { JOB_DEFINITIONS } from "./definitions";
import { type RunOptions, runDueJobs, type RunSummary } from "./runner";

/** Runs due jobs on the app's database; errors are logged, never thrown at the caller's request. */
export async function drainDueJobs(options: RunOptions = {}): Promise<RunSummary | null> {
  try {
    return await runDueJobs(getDb(), JOB_DEFINITIONS, options);
  } catch (error) {
    console.error("[jobs] run failed", error);
    return null;
  }
}
