import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native and WASM packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // Compression belongs to the CDN (Vercel) or the reverse proxy in front of a self-hosted server;
  // doing it here cost the webhook a noticeable share of its CPU.
  compress: false,
  // The webhook (pages/api) is bundled like the App Router, so `server-only` resolves for the server.
  bundlePagesRouterDependencies: true,
};

export default withNextIntl(nextConfig);
