import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { connectPostgres, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import * as schema from "@/lib/db/schema";
import { PGLITE_TEMPLATE_ENV, TEMPLATE_DB_ENV, databaseUrl, onMaintenanceDb, randomDbName } from "../support/test-db";

/**
 * Migrates once per run; each test file then copies the result (see tests/support/test-db.ts).
 * Workers are started after this runs, so they inherit the variables set here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const baseUrl = process.env.DATABASE_URL;
  return baseUrl ? setupPostgres(baseUrl) : setupPglite();
}

async function setupPostgres(baseUrl: string) {
  const name = randomDbName("t_template_");
  await onMaintenanceDb(baseUrl, `create database "${name}"`);
  const connection = connectPostgres(databaseUrl(baseUrl, name), { max: 1 });
  try {
    await applyMigrations(connection);
  } finally {
    // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
    await connection.close();
  }
  process.env[TEMPLATE_DB_ENV] = name;
  return async () => {
    delete process.env[TEMPLATE_DB_ENV];
    await onMaintenanceDb(baseUrl, `drop database if exists "${name}" with (force)`);
  };
}

async function setupPglite() {
  const file = path.resolve(".data/test/pglite-template.tar.gz");
  const client = await PGlite.create();
  try {
    await applyMigrations({ db: drizzle(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() });
    const dump = await client.dumpDataDir("gzip");
    await mkdir(path.dirname(file), { recursive: true });
    // Written under a unique name and renamed, so a concurrent run never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await client.close();
  }
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return async () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
  };
}
