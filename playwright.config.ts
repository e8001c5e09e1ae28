import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive the production build (`next build`, then `npm start`
 * with DEMO=1 so the server migrates and seeds itself) in Chromium:
 * Playwright's own browser when installed, else Debian's /usr/bin/chromium;
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE overrides both.
 */
function chromiumExecutable(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Playwright's browser is not installed.
  }
  return "/usr/bin/chromium";
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/e2e";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "e2e", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    command: `rm -rf ${DATA_DIR} && npm run build && npm start -- -p ${PORT} -H 127.0.0.1`,
    url: `${BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { DEMO: "1", DATA_DIR, NODE_ENV: "production" },
  },
});
