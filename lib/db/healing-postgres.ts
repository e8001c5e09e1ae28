import type { Sql } from "postgres";

/**
 * A postgres.js pool that replaces itself when its connections are lost.
 *
 * Why: postgres.js 3.4.9 (and 3.4.10) can poison a pooled connection. Small
 * writes wait for a `setImmediate`; when the server ends the connection
 * (pg_terminate_backend, a failover, a restart) while such a write is
 * pending, the teardown cancels the timer but leaves its handle set and keeps
 * the unsent bytes. On the next connect the startup message is appended to
 * them and, the handle still looking armed, never flushed: the server waits
 * for a startup packet that does not come, and the query fails with
 * `write CONNECT_TIMEOUT` after `connect_timeout` (30 s by default). The
 * connection only heals once the stale bytes pass 1 KB, some ten attempts
 * later, which is the "54 CONNECT_TIMEOUTs over 8 minutes" of issue 14
 * (upstream: porsager/postgres#1208 and #1209, unreleased). The pool's shared
 * retry counter also grows with every reset and is cleared only by a
 * successful connect, so its default backoff made reconnects wait up to 20 s.
 *
 * The connection objects are closures the pool does not expose, so the
 * repair is a new pool: the first query or transaction that fails because
 * its connection was lost retires the pool it ran on (it ends, giving its
 * running queries a few seconds) and every later query runs on a fresh one.
 */

/** postgres.js and server codes meaning "the connection under this query is gone", not "this query was wrong". */
const CONNECTION_LOST = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "ECONNRESET",
  "EPIPE",
  "57P01", // admin_shutdown: pg_terminate_backend, or a fast shutdown
  "57P02", // crash_shutdown
]);

/** How long a retired pool's running queries may go on before its sockets are closed. */
const RETIRE_SECONDS = 2;

export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONNECTION_LOST.has(code);
}

export type HealingPostgres = {
  /** Stands in for the pool: what drizzle and lib/db/prepared.ts call (`unsafe`, `begin`, `options`). */
  client: Sql;
  /** How many times the pool was replaced (tests and logs). */
  replacements: () => number;
  end: (options?: { timeout?: number }) => Promise<void>;
};

export function healingPostgres(create: () => Sql): HealingPostgres {
  let current = create();
  let replaced = 0;
  const retiring = new Set<Promise<void>>();

  function replace(lost: Sql, error: unknown) {
    if (lost !== current) return; // another failure on the same pool already replaced it
    const next = create();
    // drizzle sets its parsers on the pool it was given (dates as text, JSON as is); the new pool needs the same.
    Object.assign(next.options.parsers, lost.options.parsers);
    Object.assign(next.options.serializers, lost.options.serializers);
    current = next;
    replaced += 1;
    console.warn(`[db] a Postgres connection was lost (${(error as { code?: string }).code}); queries now use a fresh pool`);
    const ending = lost.end({ timeout: RETIRE_SECONDS }).catch(() => {});
    retiring.add(ending);
    void ending.finally(() => retiring.delete(ending));
  }

  /** Watches a query or transaction without changing what its caller awaits. */
  function watch<T extends PromiseLike<unknown>>(pool: Sql, pending: T): T {
    pending.then(undefined, (error: unknown) => {
      if (isConnectionLost(error)) replace(pool, error);
    });
    return pending;
  }

  const client = {
    get options() {
      return current.options;
    },
    unsafe(...args: Parameters<Sql["unsafe"]>) {
      const pool = current;
      // A postgres.js query starts on its first `then` but only after a microtask, so a `.values()` its caller
      // chains right away still applies.
      return watch(pool, pool.unsafe(...args));
    },
    begin(...args: unknown[]) {
      const pool = current;
      return watch(pool, (pool.begin as (...a: unknown[]) => Promise<unknown>)(...args));
    },
    end(options?: { timeout?: number }) {
      return Promise.all([current.end(options), ...retiring]).then(() => {});
    },
  } as unknown as Sql;

  return { client, replacements: () => replaced, end: (options) => client.end(options) };
}
