import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // The messages are compiled at build time, so the browser gets no ICU parser (~40 KiB of every page's script).
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

export default function config(phase: string): NextConfig {
  return withNextIntl({
    // Native and WASM packages load from node_modules at run time instead of being bundled.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
    poweredByHeader: false,
    // Compression belongs to the CDN (Vercel) or the reverse proxy in front of a self-hosted server;
    // doing it here cost the webhook a noticeable share of its CPU.
    compress: false,
    // The webhook (pages/api) is bundled like the App Router, so `server-only` resolves for the server.
    bundlePagesRouterDependencies: true,
    // Every response, API routes and the webhook included; the pages' CSP comes from proxy.ts (it needs a nonce per request).
    async headers() {
      return [{ source: "/:path*", headers: staticSecurityHeaders({ production: phase !== PHASE_DEVELOPMENT_SERVER }) }];
    },
  });
}
