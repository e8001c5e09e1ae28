import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const nextBin = () => require.resolve("next/dist/bin/next");

/** Builds the current code (a stale build would measure old code): the benchmarks measure `next start`, not the dev server. */
export async function ensureProductionBuild() {
  await new Promise<void>((resolve, reject) => {
    // The build's own output goes to stderr: stdout carries one line per figure.
    const child = spawn(process.execPath, [nextBin(), "build"], { stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
  });
}

/** `npm start` as users run it (scripts/start.ts): migrations, then one server process per core on Postgres. */
export async function startProductionServer(port: number, env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop: () => child.kill("SIGTERM") };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error("the production server did not answer /api/health within 60 s");
}
