import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm start` in production refuses to run without its secrets and says which one is missing. */
describe("production start-up", () => {
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "production" as const };
  const full = {
    ...base,
    AUTH_SECRET: "a-production-auth-secret-value",
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    WHATSAPP_APP_SECRET: "app-secret",
    WHATSAPP_VERIFY_TOKEN: "verify-token",
    CRON_SECRET: "cron-secret",
  };

  it.each(["AUTH_SECRET", "ENCRYPTION_KEY", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "CRON_SECRET"])(
    "stops with a message naming %s when it is missing",
    (name) => {
      const env: NodeJS.ProcessEnv = { ...full };
      delete env[name];
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, encoding: "utf8", timeout: 20_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Missing required environment variable: ${name}`);
    },
  );

  it("checks as production even when NODE_ENV is not set, since next start serves production", () => {
    const { NODE_ENV: _mode, CRON_SECRET: _cron, ...env } = full;
    // Next.js's types declare NODE_ENV as always present; this run leaves it out on purpose.
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: env as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Missing required environment variable: CRON_SECRET");
  });
});
