/**
 * Exponential backoff with "equal jitter": half of the delay is fixed, half
 * random, so retries of many jobs that failed together (a receiver down for
 * an hour) spread out instead of arriving in waves.
 */
export type Backoff = { baseMs: number; maxMs: number };

export function backoffDelay({ baseMs, maxMs }: Backoff, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
