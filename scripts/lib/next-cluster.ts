import cluster from "node:cluster";
import { createRequire } from "node:module";
import { serverNodeFlags } from "./server-node-flags";

const require = createRequire(import.meta.url);

/**
 * Runs `next start` in `workers` processes sharing one port (node:cluster
 * hands incoming connections to them in turn), so a self-hosted server uses
 * every core: one Node.js process is CPU-bound at about one core. A worker
 * that dies is replaced. SIGINT/SIGTERM are passed to every worker, which
 * closes its server and gives back the jobs it was running
 * (lib/composition/job-poller.ts); the primary waits for them, at most STOP_WAIT_MS,
 * then kills what is left.
 */
const STOP_WAIT_MS = 30_000;

export function runNextCluster(args: string[], workers: number) {
  // Workers run the Next.js CLI itself, without the TypeScript loader this script runs under.
  cluster.setupPrimary({ exec: require.resolve("next/dist/bin/next"), args, execArgv: serverNodeFlags(), silent: false });
  let stopping = false;
  const fork = () => cluster.fork({ NEXT_TELEMETRY_DISABLED: "1" });
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[start] server worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
        process.exit(1);
      }, STOP_WAIT_MS).unref();
    });
  }
}
