import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { healingPostgres } from "./healing-postgres";
import * as schema from "./schema";

/** A database handle or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbConnection = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
};

/**
 * How the app's Postgres pool meets a database that drops its connections
 * (issue 14: after pg_terminate_backend, requests hung 30 s and
 * `write CONNECT_TIMEOUT` went on for minutes). A request must fail within a
 * few seconds or run on a fresh connection at once:
 * - `connect_timeout` 5 s instead of postgres.js's 30: a connection to a
 *   healthy server is ready in milliseconds (a few round trips more with
 *   TLS), so a connect that takes seconds is not going to succeed;
 * - reconnect backoff at most 0.5 s: the default grows with every reset
 *   (3^n / 100 s, up to 20 s) until a connect succeeds, so a burst of resets
 *   made the next queries wait many seconds before even trying;
 * - a lost connection replaces the whole pool (`healing-postgres.ts`), since
 *   postgres.js can otherwise keep a poisoned connection for minutes;
 * - `idle_in_transaction_session_timeout` 60 s: a transaction left open (a
 *   worker stuck between statements) cannot hold its locks, and the
 *   connection, for longer than that.
 * Server processes also set `statement_timeout` (`statementTimeoutMs`), so a
 * query stuck behind a lock gives its connection back; migrations and
 * scripts, whose statements may rightly be long, do not.
 */
const CONNECT_TIMEOUT_SECONDS = 5;
const MAX_RECONNECT_BACKOFF_SECONDS = 0.5;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export function connectPostgres(url: string, options: { max?: number; statementTimeoutMs?: number } = {}): DbConnection {
  const setting = env().DATABASE_PREPARED_STATEMENTS;
  // Off, postgres.js never names a statement, whatever a query asks (see lib/db/prepared.ts).
  const prepare = setting !== "0" && setting !== "false";
  const parameters: Record<string, string> = { idle_in_transaction_session_timeout: String(IDLE_IN_TRANSACTION_TIMEOUT_MS) };
  if (options.statementTimeoutMs) parameters.statement_timeout = String(options.statementTimeoutMs);
  const pool = healingPostgres(() =>
    postgres(url, {
      max: options.max ?? 10,
      prepare,
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      backoff: (retries) => Math.min(0.05 * 2 ** retries, MAX_RECONNECT_BACKOFF_SECONDS),
      connection: parameters,
    }),
  );
  return {
    db: drizzlePostgres(pool.client, { schema }) as unknown as Db,
    kind: "postgres",
    close: () => pool.end({ timeout: 5 }),
  };
}

export function connectPglite(dataDir?: string): DbConnection {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
  };
}

export function pgliteDir(): string {
  return path.resolve(env().DATA_DIR, "pglite");
}

/** The server's queries (requests, jobs, cron batches) that run longer than this are cancelled by Postgres: the request answers 500 and Meta retries. */
const SERVER_STATEMENT_TIMEOUT_MS = 30_000;

export function connectFromEnv(options: { statementTimeoutMs?: number } = {}): DbConnection {
  const url = env().DATABASE_URL;
  return url ? connectPostgres(url, options) : connectPglite(pgliteDir());
}

// Kept on globalThis so that dev-server reloads reuse one connection (PGlite allows a single owner).
const globalForDb = globalThis as unknown as { __dbConnection?: DbConnection };

export function getConnection(): DbConnection {
  globalForDb.__dbConnection ??= connectFromEnv({ statementTimeoutMs: SERVER_STATEMENT_TIMEOUT_MS });
  return globalForDb.__dbConnection;
}

export function getDb(): Db {
  return getConnection().db;
}
