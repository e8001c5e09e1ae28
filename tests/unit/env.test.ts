import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MissingEnvError, loadEnv } from "@/lib/env";

const KEY = Buffer.alloc(32, 1).toString("base64");

const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: "production-auth-secret-0123456789",
  ENCRYPTION_KEY: KEY,
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_VERIFY_TOKEN: "verify-token",
  CRON_SECRET: "cron-secret",
};

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "env-test-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("loadEnv in production", () => {
  it("accepts a complete configuration", () => {
    const env = loadEnv({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(env.NODE_ENV).toBe("production");
    expect(env.WHATSAPP_GRAPH_URL).toBe("https://graph.facebook.com/v23.0");
  });

  it.each(["AUTH_SECRET", "ENCRYPTION_KEY", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "CRON_SECRET"] as const)(
    "refuses to start without %s",
    (name) => {
      const error = thrownBy(() => loadEnv({ ...PRODUCTION, DATA_DIR: dataDir, [name]: undefined }));
      expect(error).toBeInstanceOf(MissingEnvError);
      expect((error as MissingEnvError).names).toEqual([name]);
      expect((error as Error).message).toContain(name);
    },
  );

  it("treats an empty value as missing", () => {
    expect(() => loadEnv({ ...PRODUCTION, CRON_SECRET: "" })).toThrow(MissingEnvError);
  });

  it("names every missing variable at once", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(
      /AUTH_SECRET, ENCRYPTION_KEY, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, CRON_SECRET/,
    );
  });

  it("refuses an ENCRYPTION_KEY that is not 32 bytes of base64", () => {
    expect(() => loadEnv({ ...PRODUCTION, ENCRYPTION_KEY: "not-a-key" })).toThrow(/ENCRYPTION_KEY/);
    expect(() => loadEnv({ ...PRODUCTION, ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/32 bytes/);
  });
});

describe.each([
  ["development", { NODE_ENV: "development" }],
  ["production with DEMO=1", { NODE_ENV: "production", DEMO: "1" }],
])("loadEnv in %s", (_label, mode) => {
  it("uses the dev defaults for the WhatsApp and cron secrets", () => {
    const env = loadEnv({ ...mode, DATA_DIR: dataDir });
    expect(env.WHATSAPP_APP_SECRET).toBe("dev-app-secret");
    expect(env.WHATSAPP_VERIFY_TOKEN).toBe("dev-verify-token");
    expect(env.CRON_SECRET).toBe("dev-cron-secret");
  });

  it("generates AUTH_SECRET and ENCRYPTION_KEY once and keeps them in DATA_DIR", () => {
    const first = loadEnv({ ...mode, DATA_DIR: dataDir });
    expect(Buffer.from(first.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(16);
    const stored = JSON.parse(readFileSync(path.join(dataDir, "dev-secrets.json"), "utf8")) as Record<string, string>;
    expect(stored).toEqual({ AUTH_SECRET: first.AUTH_SECRET, ENCRYPTION_KEY: first.ENCRYPTION_KEY });

    const second = loadEnv({ ...mode, DATA_DIR: dataDir });
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
  });

  it("keeps explicitly set values over the defaults", () => {
    const env = loadEnv({ ...mode, DATA_DIR: dataDir, CRON_SECRET: "mine", ENCRYPTION_KEY: KEY });
    expect(env.CRON_SECRET).toBe("mine");
    expect(env.ENCRYPTION_KEY).toBe(KEY);
  });

  it("still refuses a malformed ENCRYPTION_KEY", () => {
    expect(() => loadEnv({ ...mode, DATA_DIR: dataDir, ENCRYPTION_KEY: "short" })).toThrow(/ENCRYPTION_KEY/);
  });
});
