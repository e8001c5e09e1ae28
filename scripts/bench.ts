import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPglite, connectPostgres, type DbConnection } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { benchChatCleanup } from "./bench/chat-cleanup";
import { benchForwarding } from "./bench/forwarding";
import { benchInboxQueries } from "./bench/inbox-queries";
import { benchSignIn } from "./bench/sign-in";
import { benchWebhookIngest } from "./bench/webhook-ingest";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

/** The Postgres the figures are measured on: DATABASE_URL, else the local one when it answers. */
async function postgresUrl(): Promise<string | null> {
  const url = env().DATABASE_URL ?? "postgres://127.0.0.1:5432/test";
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return url;
  } catch {
    return null;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/** A fresh database beside the given one, dropped afterwards, so figures never depend on leftovers. */
async function scratchPostgres(url: string): Promise<DbConnection & { url: string }> {
  const name = `bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const connection = connectPostgres(scratchUrl.toString(), { max: 4 });
  return {
    ...connection,
    url: scratchUrl.toString(),
    close: async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const url = await postgresUrl();
const scratch = url ? await scratchPostgres(url) : null;
const connection: DbConnection = scratch ?? connectPglite();
try {
  if (scratch) {
    const migrator = connectPostgres(scratch.url, { max: 1 });
    await applyMigrations(migrator).finally(() => migrator.close());
  } else {
    await applyMigrations(connection);
  }
  console.log(`database: ${connection.kind}`);
  await benchSignIn(connection.db);
  if (scratch) {
    await benchWebhookIngest(connection.db, scratch.url);
    await benchInboxQueries(connection.db);
    await benchForwarding(connection.db);
    await benchChatCleanup(connection.db, scratch.url); // reuses the production build benchWebhookIngest made
  } else {
    console.log("webhook ingest and inbox queries: skipped (they are measured on Postgres: set DATABASE_URL)");
  }
} finally {
  await connection.close();
}
process.exit(0);
