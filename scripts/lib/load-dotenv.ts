import nextEnv from "@next/env";

/** Scripts see the same .env / .env.local files as the Next.js server, with the same precedence. */
export function loadDotenv(dev: boolean) {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
