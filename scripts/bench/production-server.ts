import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { LOCAL_PUSHER } from "@/lib/realtime/config";
import { startPusherServer } from "../pusher-server/server";

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
export async function startProductionServer(port: number, env: Record<string, string>): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        return { url, pid: child.pid!, stop: () => (child.kill("SIGTERM"), exited) };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error("the production server did not answer /api/health within 60 s");
}

/**
 * The app as the webhook benchmarks load it: `npm start` on the given
 * Postgres with the local Pusher-protocol server beside it (publishing is part
 * of the request path's cost). `stop` ends both.
 */
export async function startBenchApp(port: number, databaseUrl: string, appSecret: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const pusher = await startPusherServer({ port: 0, apps: [{ appId: LOCAL_PUSHER.appId, key: LOCAL_PUSHER.key, secret: LOCAL_PUSHER.secret }] });
  const server = await startProductionServer(port, {
    DATABASE_URL: databaseUrl,
    DEMO: "1",
    WHATSAPP_APP_SECRET: appSecret,
    PUSHER_APP_ID: LOCAL_PUSHER.appId,
    PUSHER_KEY: LOCAL_PUSHER.key,
    PUSHER_SECRET: LOCAL_PUSHER.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(pusher.port),
    PUSHER_USE_TLS: "0",
  }).catch(async (error) => {
    await pusher.close();
    throw error;
  });
  return {
    url: server.url,
    pid: server.pid,
    stop: async () => {
      // The server first: what it still publishes after its last answers must find Pusher there.
      await server.stop();
      await pusher.close();
    },
  };
}
