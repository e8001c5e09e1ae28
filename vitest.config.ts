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
