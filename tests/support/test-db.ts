import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { connectPostgres, type Db, type DbConnection } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import * as schema from "@/lib/db/schema";

/** Set by tests/integration/global-setup.ts: a migrated Postgres database to copy. */
export const TEMPLATE_DB_ENV = "TEST_TEMPLATE_DB";
/** Set by tests/integration/global-setup.ts: a migrated PGlite data directory (gzipped tar). */
export const PGLITE_TEMPLATE_ENV = "TEST_PGLITE_TEMPLATE";

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs one statement (CREATE/DROP DATABASE) on the database DATABASE_URL names,
 * which serves only as the maintenance connection: tests never write rows to it.
 */
export async function onMaintenanceDb(baseUrl: string, statement: string): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export function randomDbName(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex")}`;
}

/** A fresh, migrated database for one test file: Postgres when DATABASE_URL is set, else in-memory PGlite. */
export async function createTestDb(options: { max?: number } = {}): Promise<DbConnection> {
  const baseUrl = process.env.DATABASE_URL;
  return baseUrl ? createPostgresDb(baseUrl, options.max) : createPgliteDb();
}

async function createPostgresDb(baseUrl: string, max?: number): Promise<DbConnection> {
  const name = randomDbName("t_");
  const template = process.env[TEMPLATE_DB_ENV];
  // Copying the template is far faster than replaying migrations in every file.
  await onMaintenanceDb(baseUrl, `create database "${name}"${template ? ` template "${template}"` : ""}`);
  const url = databaseUrl(baseUrl, name);
  if (!template) {
    const migrator = connectPostgres(url, { max: 1 });
    await applyMigrations(migrator).finally(() => migrator.close());
  }
  const connection = connectPostgres(url, { max });
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await onMaintenanceDb(baseUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function createPgliteDb(): Promise<DbConnection> {
  const templateFile = process.env[PGLITE_TEMPLATE_ENV];
  const client = templateFile
    ? await PGlite.create({ loadDataDir: new Blob([new Uint8Array(await readFile(templateFile))]) })
    : await PGlite.create();
  const connection: DbConnection = {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
  };
  if (!templateFile) await applyMigrations(connection);
  return connection;
}
