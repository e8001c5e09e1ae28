import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/kind";

/** Sends one webhook delivery (a stored message) to the workspace's own URL. */
export const forwardMessageKind = defineJobKind("forward-message", z.object({ deliveryId: z.uuid() }));
export const FORWARD_JOB_KIND = forwardMessageKind.name;
