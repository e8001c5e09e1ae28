import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: `${root}$1` },
      // The real package throws outside React Server Components; tests import server modules directly.
      { find: /^server-only$/, replacement: `${root}tests/support/empty-module.ts` },
    ],
  },
  test: {
    // Fixed values so results do not depend on the developer's .env or NODE_ENV.
    env: {
      DATA_DIR: ".data/test",
      WHATSAPP_APP_SECRET: "test-app-secret",
      CRON_SECRET: "test-cron-secret",
      ENCRYPTION_KEY: "gWpfwmJ17XkD6aVlQz/QTNlXfP/ph7+RBZc4ncPcDg8=",
      AUTH_SECRET: "test-auth-secret-0123456789abcdef",
    },
    // postgres.js reads the server's array types on each new connection in a promise nothing awaits
    // (its connection.js fetchArrayTypes). postgres-resilience.test.ts terminates backends on purpose;
    // one cut during that read is postgres.js's own unhandled rejection, not the app's: that one only is
    // not counted. Any other unhandled error still fails the run.
    onUnhandledError(error) {
      const { code, query } = error as { code?: unknown; query?: unknown };
      // The cut shows as the server's termination (57P01), postgres.js's close, or the socket's reset.
      const lostConnection = code === "57P01" || code === "CONNECTION_CLOSED" || code === "ECONNRESET";
      return !(lostConnection && typeof query === "string" && query.includes("pg_catalog.pg_type"));
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/support/next-request-mocks.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files run in parallel, each on its own database; the machine has 2 cores.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
