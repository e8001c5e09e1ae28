import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPglite, connectPostgres, type DbConnection } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { benchChatCleanup } from "./bench/chat-cleanup";
import { benchFileUpload } from "./bench/file-upload";
import { benchForwarding } from "./bench/forwarding";
import { benchInboxLive } from "./bench/inbox-live";
import { benchInboxQueries } from "./bench/inbox-queries";
import { benchSignIn } from "./bench/sign-in";
import { benchTemplateSends } from "./bench/template-sends";
import { benchTimeToUsable } from "./bench/time-to-usable";
import { benchWebhookIngest } from "./bench/webhook-ingest";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

/** `npm run bench -- ingest cleanup` runs only the named parts; no names runs them all. */
const only = process.argv.slice(2);
const wanted = (part: "sign-in" | "ingest" | "inbox" | "forwarding" | "cleanup" | "inbox-live" | "time-to-usable" | "files" | "templates") => only.length === 0 || only.includes(part);

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
  if (wanted("sign-in")) await benchSignIn(connection.db);
  if (scratch) {
    if (wanted("ingest")) await benchWebhookIngest(connection.db, scratch.url);
    if (wanted("inbox")) await benchInboxQueries(connection.db);
    if (wanted("forwarding")) await benchForwarding(connection.db);
    if (wanted("templates")) await benchTemplateSends(connection.db);
    // Reuses the production build benchWebhookIngest made, or builds one when run alone.
    if (wanted("cleanup")) await benchChatCleanup(connection.db, scratch.url, { build: !wanted("ingest") });
    // Chromium against the same build: a customer's message until the agent sees it.
    if (wanted("inbox-live")) await benchInboxLive(connection.db, scratch.url, { build: !wanted("ingest") && !wanted("cleanup") });
    // Chromium loading the inbox, a chat and a settings page until each is usable.
    if (wanted("time-to-usable")) {
      await benchTimeToUsable(connection.db, scratch.url, { build: !wanted("ingest") && !wanted("cleanup") && !wanted("inbox-live") });
    }
    // A 100 MB document through the upload route: the server's memory and the throughput.
    if (wanted("files")) {
      await benchFileUpload(connection.db, scratch.url, { build: !wanted("ingest") && !wanted("cleanup") && !wanted("inbox-live") && !wanted("time-to-usable") });
    }
  } else {
    console.log("webhook ingest, inbox queries, inbox live, time to usable and file upload: skipped (they are measured on Postgres: set DATABASE_URL)");
  }
} finally {
  await connection.close();
}
process.exit(0);
