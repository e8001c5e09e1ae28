import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPglite, connectPostgres, type DbConnection } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { benchSignIn } from "./bench/sign-in";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

/** A scratch database: in-memory PGlite, or a fresh database beside DATABASE_URL's that is dropped afterwards. */
async function scratchDatabase(): Promise<DbConnection> {
  const url = env().DATABASE_URL;
  if (!url) return connectPglite();
  const name = `bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const connection = connectPostgres(scratchUrl.toString(), { max: 1 });
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const connection = await scratchDatabase();
try {
  await applyMigrations(connection);
  console.log(`database: ${connection.kind}`);
  await benchSignIn(connection.db);
} finally {
  await connection.close();
}
