import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Values are resolved lazily on first use so
 * that `next build` (which runs with NODE_ENV=production) can import modules
 * without the production secrets being present.
 */

const REQUIRED_IN_PRODUCTION = [
  "AUTH_SECRET",
  "ENCRYPTION_KEY",
  "WHATSAPP_APP_SECRET",
  "WHATSAPP_VERIFY_TOKEN",
  "CRON_SECRET",
] as const;

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO: z.string().optional(),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.string().url().optional(),
  /** 0: never use named prepared statements (behind a transaction-mode pooler that does not keep them). */
  DATABASE_PREPARED_STATEMENTS: z.enum(["0", "1", "true", "false"]).optional(),
  APP_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(16),
  ENCRYPTION_KEY: base64Key,
  WHATSAPP_APP_SECRET: z.string().min(1),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1),
  WHATSAPP_GRAPH_URL: z.string().url().default("https://graph.facebook.com/v23.0"),
  OPENAI_BASE_URL: z.string().url().optional(),
  /** Longest wait for one OpenAI call (ms) before the AI features say "timed out"; slow self-hosted models may need more. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  PUSHER_APP_ID: z.string().optional(),
  PUSHER_KEY: z.string().optional(),
  PUSHER_SECRET: z.string().optional(),
  PUSHER_CLUSTER: z.string().optional(),
  PUSHER_HOST: z.string().optional(),
  PUSHER_PORT: z.coerce.number().int().optional(),
  PUSHER_USE_TLS: z.enum(["0", "1", "true", "false"]).optional(),
  CRON_SECRET: z.string().min(1),
  /** Set by Vercel on its servers: jobs then run from after() and the cron route, not from an in-process poller. */
  VERCEL: z.string().optional(),
  /** How often a self-hosted server looks for due jobs (delayed replies, forwarding retries); 0 turns the poller off. */
  JOBS_POLL_SECONDS: z.coerce.number().int().min(0).optional(),
  /** Server processes `npm start` runs with Postgres (default: one per CPU core); PGlite always runs one. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** 1: webhook forwarding may target loopback and private addresses (development and tests only; see lib/forwarding/safe-target.ts). */
  ALLOW_PRIVATE_WEBHOOK_TARGETS: z.enum(["0", "1", "true", "false"]).optional(),
});

export type Env = z.infer<typeof schema>;

export class MissingEnvError extends Error {
  constructor(readonly names: string[]) {
    super(
      `Missing required environment variable${names.length > 1 ? "s" : ""}: ${names.join(", ")}. ` +
        "Set them before starting in production (see README, Configuration).",
    );
  }
}

type Source = Record<string, string | undefined>;

export function isStrictProduction(source: Source = process.env): boolean {
  return (
    source.NODE_ENV === "production" &&
    source.DEMO !== "1" &&
    source.NEXT_PHASE !== "phase-production-build"
  );
}

/** `next build` loads server modules (instrumentation included) without serving anything. */
export function isBuildPhase(source: Source = process.env): boolean {
  return source.NEXT_PHASE === "phase-production-build";
}

/** Secrets a developer machine generates once and keeps in DATA_DIR, so sessions and encrypted data survive restarts. */
function devSecret(dataDir: string, name: "AUTH_SECRET" | "ENCRYPTION_KEY"): string {
  const file = path.resolve(dataDir, "dev-secrets.json");
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const existing = read();
  if (existing[name]) return existing[name];
  mkdirSync(path.dirname(file), { recursive: true });
  const next = { ...existing, [name]: randomBytes(32).toString("base64") };
  writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  // Another process may have written at the same moment; the file's content wins.
  return read()[name] ?? next[name]!;
}

export function loadEnv(source: Source = process.env): Env {
  const strict = isStrictProduction(source);
  const values: Source = { ...source };
  for (const key of Object.keys(values)) if (values[key] === "") values[key] = undefined;

  if (strict) {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !values[name]);
    if (missing.length) throw new MissingEnvError([...missing]);
  } else {
    const dataDir = values.DATA_DIR ?? ".data";
    values.AUTH_SECRET ??= devSecret(dataDir, "AUTH_SECRET");
    values.ENCRYPTION_KEY ??= devSecret(dataDir, "ENCRYPTION_KEY");
    values.WHATSAPP_APP_SECRET ??= "dev-app-secret";
    values.WHATSAPP_VERIFY_TOKEN ??= "dev-verify-token";
    values.CRON_SECRET ??= "dev-cron-secret";
  }

  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

