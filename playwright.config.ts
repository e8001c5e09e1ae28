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
const GRAPH_PORT = 6102;
export const GRAPH_URL = `http://127.0.0.1:${GRAPH_PORT}/v23.0`;
const OPENAI_PORT = 6103;
/** The OpenAI fake's origin: the app calls `${OPENAI_ORIGIN}/v1`, specs steer it through `${OPENAI_ORIGIN}/__fake/*`. */
export const OPENAI_ORIGIN = `http://127.0.0.1:${OPENAI_PORT}`;
const PUSHER_PORT = 6101;
/** The forwarding receiver fake (tests/fakes/forwarding-receiver-server.ts): webhook forwarding sends here. */
const RECEIVER_PORT = 6104;
export const RECEIVER_ORIGIN = `http://127.0.0.1:${RECEIVER_PORT}`;

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
  webServer: [
    // The OpenAI API fake (tests/fakes/openai-server.ts): the AI wand and the AI settings' key check go here.
    {
      command: `npx tsx tests/fakes/openai-server.ts --port ${OPENAI_PORT}`,
      port: OPENAI_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    // The WhatsApp Graph API fake (tests/fakes/graph-server.ts): replies, media and "Test connection" go here.
    {
      command: `npx tsx tests/fakes/graph-server.ts --port ${GRAPH_PORT}`,
      port: GRAPH_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    // The webhook forwarding receiver (tests/fakes/forwarding-receiver-server.ts); what it got is at /__fake/requests.
    {
      command: `npx tsx tests/fakes/forwarding-receiver-server.ts --port ${RECEIVER_PORT}`,
      port: RECEIVER_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    // The local Pusher-protocol server (scripts/pusher-server.ts); the app below publishes to it.
    {
      command: `npx tsx scripts/pusher-server.ts --port ${PUSHER_PORT}`,
      port: PUSHER_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      // A second workspace ("Outra") exists so the specs can prove one business never sees another's data.
      command:
        `rm -rf ${DATA_DIR} && npm run build && ` +
        `printf 'outra-password-1\\n' | npm run -s workspace:create -- --name Outra --admin-name "Olga Outra" --admin-email olga@outra.test --locale en && ` +
        `npm start -- -p ${PORT} -H 127.0.0.1`,
      url: `${BASE_URL}/api/health`,
      // The build shares 2 cores with whatever else runs; under load it has taken over 4 minutes.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        DEMO: "1",
        DATA_DIR,
        NODE_ENV: "production",
        PUSHER_APP_ID: "local",
        PUSHER_KEY: "local-key",
        PUSHER_SECRET: "local-secret",
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(PUSHER_PORT),
        PUSHER_USE_TLS: "0",
        WHATSAPP_GRAPH_URL: GRAPH_URL,
        OPENAI_BASE_URL: `${OPENAI_ORIGIN}/v1`,
        // Only here: the forwarding receiver runs on loopback, which the app refuses without it.
        ALLOW_PRIVATE_WEBHOOK_TARGETS: "1",
      },
    },
  ],
});
