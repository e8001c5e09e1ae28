import { assistantReplyJob } from "@/lib/bots/assistant-reply";
import { forwardMessageJob } from "@/lib/forwarding/job";
import type { AnyJobDefinition } from "@/lib/jobs/runner";

/** Every kind of job the product runs; a worker claims only kinds it knows. */
export const JOB_DEFINITIONS: readonly AnyJobDefinition[] = [forwardMessageJob, assistantReplyJob];
