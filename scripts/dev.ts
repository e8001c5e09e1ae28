import { connectFromEnv } from "@/lib/db/client";
import { migrateFromEnv } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { demoLoginsText, seedDemo } from "@/lib/seed/demo";
import { runNext } from "./lib/next-bin";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(true);

// `npm run dev`: the whole product on one machine with no services installed.
await migrateFromEnv();
const connection = connectFromEnv();
const { created } = await seedDemo(connection.db);
await connection.close();
console.log(`\n${env().DATABASE_URL ? "Postgres" : "Embedded PGlite in " + env().DATA_DIR + "/pglite"}; demo workspace ${created ? "created" : "kept"}.`);
console.log(`${demoLoginsText()}\n`);
runNext(["dev", ...process.argv.slice(2)]);
