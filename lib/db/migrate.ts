import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { env } from "@/lib/env";
import { connectPglite, connectPostgres, pgliteDir, type DbConnection } from "./client";

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");
// Arbitrary constant: instances starting together take turns applying migrations.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies pending migrations; idempotent. On Postgres the connection must hold a
 * single session (max 1) so the advisory lock and the migration share it.
 */
export async function applyMigrations(connection: DbConnection, migrationsFolder = MIGRATIONS_FOLDER) {
  if (connection.kind === "pglite") {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await connection.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
  try {
    await migratePostgres(connection.db as unknown as PostgresJsDatabase, { migrationsFolder });
  } finally {
    await connection.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
  }
}

/** Opens a dedicated connection to the configured database, migrates it and closes it. */
export async function migrateFromEnv(): Promise<void> {
  const url = env().DATABASE_URL;
  const connection = url ? connectPostgres(url, { max: 1 }) : connectPglite(pgliteDir());
  try {
    await applyMigrations(connection);
  } finally {
    await connection.close();
  }
}
