import { connectFromEnv } from "@/lib/db/client";
import { migrateFromEnv } from "@/lib/db/migrate";
import { env, MissingEnvError } from "@/lib/env";
import { demoLoginsText, seedDemo } from "@/lib/seed/demo";
import { availableParallelism } from "node:os";
import { runNext } from "./lib/next-bin";
import { runNextCluster } from "./lib/next-cluster";
import { serverNodeFlags } from "./lib/server-node-flags";
import { loadDotenv } from "./lib/load-dotenv";

// `next start` always serves in production mode; check the environment as production does.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
loadDotenv(false);

// `npm start`: check the environment, apply migrations, seed the demo when DEMO=1, then serve the build.
try {
  env();
} catch (error) {
  console.error(error instanceof MissingEnvError ? error.message : error);
  process.exit(1);
}
await migrateFromEnv();
if (env().DEMO === "1") {
  const connection = connectFromEnv();
  await seedDemo(connection.db);
  await connection.close();
  console.log(demoLoginsText());
}
// PGlite belongs to one process; with Postgres every core gets a server process.
const workers = env().DATABASE_URL ? (env().WEB_CONCURRENCY ?? availableParallelism()) : 1;
if (workers > 1) runNextCluster(["start", ...process.argv.slice(2)], workers);
else runNext(["start", ...process.argv.slice(2)], {}, serverNodeFlags());
