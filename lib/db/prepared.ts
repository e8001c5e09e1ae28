import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { rowsOf } from "./rows";

type PostgresJsClient = {
  unsafe: (query: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown>;
};

function postgresJsClient(db: Db): PostgresJsClient | null {
  const client = (db as unknown as { $client?: Partial<PostgresJsClient> }).$client;
  return client && typeof client.unsafe === "function" ? (client as PostgresJsClient) : null;
}

/**
 * Runs a hot-path statement as a named prepared statement. drizzle sends
 * every raw statement unnamed, and postgres.js then asks the server for the
 * parameter types before binding: two round trips, and the server parses and
 * plans the whole text each time. Named, the statement is parsed once per
 * connection (postgres.js keeps them by text) and runs in one round trip.
 * That needs a session per connection, which the direct connection the
 * README asks for gives (DATABASE_PREPARED_STATEMENTS=0 turns it off behind
 * a transaction-mode pooler); PGlite and transactions run it the usual way.
 */
export async function executePrepared<T>(db: Db, statement: SQL): Promise<T[]> {
  const client = postgresJsClient(db);
  if (!client) return rowsOf<T>(await db.execute(statement));
  const { sql, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(statement);
  return rowsOf<T>(await client.unsafe(sql, params, { prepare: true }));
}
