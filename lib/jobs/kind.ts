import type { z } from "zod";

/**
 * A kind of job and the shape of its payload. The runner parses a claimed
 * job's payload with `payload` before running it, so a row written by an
 * older release or by hand is refused in words (the job dies with the
 * reason) instead of failing somewhere inside the job.
 */
export type JobKind<P extends Record<string, unknown> = Record<string, unknown>> = {
  name: string;
  payload: z.ZodType<P>;
};

export function defineJobKind<P extends Record<string, unknown>>(name: string, payload: z.ZodType<P>): JobKind<P> {
  return { name, payload };
}
