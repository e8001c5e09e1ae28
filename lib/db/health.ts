import { sql } from "drizzle-orm";
import type { Db } from "./client";

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch (error) {
    console.error("[health] database did not answer", error);
    return false;
  }
}
