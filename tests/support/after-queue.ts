const pending: Promise<unknown>[] = [];

export function trackAfter(task: Promise<unknown> | (() => unknown)) {
  pending.push(Promise.resolve().then(() => (typeof task === "function" ? task() : task)));
}

/** Waits for every after() callback scheduled so far. */
export async function flushAfter() {
  while (pending.length) await pending.shift();
}
