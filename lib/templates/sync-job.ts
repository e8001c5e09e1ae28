import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/kind";
import { GiveUp, RetryLater, type JobDefinition } from "@/lib/jobs/runner";
import { syncTemplates, type SyncResult } from "./sync";

/** Reads the workspace's templates from Meta again (after a template status webhook). */
export const syncTemplatesKind = defineJobKind("sync-templates", z.object({}));
/** One waiting sync per workspace is enough: a burst of status webhooks joins it. */
export const SYNC_TEMPLATES_DEDUPE_KEY = "templates";

export const syncTemplatesJob: JobDefinition<SyncResult, Record<string, never>> = {
  kind: syncTemplatesKind.name,
  payload: syncTemplatesKind.payload as z.ZodType<Record<string, never>>,
  backoff: { baseMs: 30_000, maxMs: 30 * 60_000 },
  maxAttempts: 6,
  // Up to MAX_TEMPLATE_PAGES pages of 20 s each would be far more; a real account has a few pages.
  timeoutMs: 120_000,
  async run(job, { db }) {
    const result = await syncTemplates(db, job.workspaceId);
    if (result.ok) return result;
    // Without a connected number there is nothing to read until an admin connects one (and syncs).
    if (result.reason === "not_configured") throw new GiveUp("WhatsApp is not connected");
    throw new RetryLater(`template sync failed: ${result.reason}${result.message ? ` (${result.message})` : ""}`);
  },
};
