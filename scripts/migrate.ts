import { migrateFromEnv } from "@/lib/db/migrate";

await migrateFromEnv();
console.log("Migrations applied.");
