import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Runs the Next.js CLI as a child that shares our terminal; our exit code follows its own. */
export function runNext(args: string[], extraEnv: Record<string, string> = {}, nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, require.resolve("next/dist/bin/next"), ...args], {
    stdio: "inherit",
    // Telemetry would try to reach the internet from every developer machine and CI run.
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...extraEnv },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}
