import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

/** A database handle or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbConnection = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
};

export function connectPostgres(url: string, options: { max?: number } = {}): DbConnection {
  const setting = env().DATABASE_PREPARED_STATEMENTS;
  // Off, postgres.js never names a statement, whatever a query asks (see lib/db/prepared.ts).
  const prepare = setting !== "0" && setting !== "false";
  const client = postgres(url, { max: options.max ?? 10, prepare, onnotice: () => {} });
  return {
    db: drizzlePostgres(client, { schema }) as unknown as Db,
    kind: "postgres",
    close: () => client.end({ timeout: 5 }),
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

export function connectFromEnv(): DbConnection {
  const url = env().DATABASE_URL;
  return url ? connectPostgres(url) : connectPglite(pgliteDir());
}

// Kept on globalThis so that dev-server reloads reuse one connection (PGlite allows a single owner).
const globalForDb = globalThis as unknown as { __dbConnection?: DbConnection };

export function getConnection(): DbConnection {
  globalForDb.__dbConnection ??= connectFromEnv();
  return globalForDb.__dbConnection;
}

export function getDb(): Db {
  return getConnection().db;
}
