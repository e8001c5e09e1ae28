import { connectFromEnv } from "@/lib/db/client";
import { migrateFromEnv } from "@/lib/db/migrate";
import { demoLoginsText, seedDemo } from "@/lib/seed/demo";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

await migrateFromEnv();
const connection = connectFromEnv();
try {
  const { created } = await seedDemo(connection.db);
  console.log(created ? "Demo workspace created." : "Demo workspace already present; left as it is.");
  console.log(demoLoginsText());
} finally {
  await connection.close();
}
