import { connectFromEnv } from "@/lib/db/client";
import { migrateFromEnv } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { LOCAL_PUSHER } from "@/lib/realtime/config";
import { demoLoginsText, seedDemo } from "@/lib/seed/demo";
import { runNext } from "./lib/next-bin";
import { loadDotenv } from "./lib/load-dotenv";
import { startPusherServer } from "./pusher-server/server";

loadDotenv(true);

// `npm run dev`: the whole product on one machine with no services installed.
await migrateFromEnv();
const connection = connectFromEnv();
const { created } = await seedDemo(connection.db);
await connection.close();
console.log(`\n${env().DATABASE_URL ? "Postgres" : "Embedded PGlite in " + env().DATA_DIR + "/pglite"}; demo workspace ${created ? "created" : "kept"}.`);
console.log(`${demoLoginsText()}\n`);
await startLocalPusher();
runNext(["dev", ...process.argv.slice(2)]);

/** Real time needs a Pusher server: unless real credentials are configured, run the project's own in this process. */
async function startLocalPusher() {
  if (env().PUSHER_KEY) return console.log("Real time: Pusher Channels (PUSHER_KEY is set).");
  const port = env().PUSHER_PORT ?? LOCAL_PUSHER.port;
  try {
    const server = await startPusherServer({
      port,
      host: LOCAL_PUSHER.host,
      apps: [{ appId: LOCAL_PUSHER.appId, key: LOCAL_PUSHER.key, secret: LOCAL_PUSHER.secret }],
    });
    console.log(`Real time: local Pusher server on ${server.url}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    // Most likely another `npm run dev` already serves it; the app works with that one.
    console.warn(`Real time: port ${port} is in use; assuming a local Pusher server already listens there.\n`);
  }
}
