/**
 * Fails the server start, naming the variable, when a production secret is
 * missing, then starts the in-process job poller of self-hosted servers.
 * NEXT_RUNTIME is the documented way to tell the Node.js server from the edge
 * bundle of this file; the env module itself needs Node.js.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
    const { startJobPoller } = await import("@/lib/composition/job-poller");
    startJobPoller();
  }
}
