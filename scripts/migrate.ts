import { migrateFromEnv } from "@/lib/db/migrate";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

await migrateFromEnv();
console.log("Migrations applied.");
