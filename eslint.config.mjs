import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers of lib/ (AGENTS.md, "Layers"): each imports only from itself and the layers below.
const BASE = ["./lib/*.ts", "./lib/db"];
const PLATFORM = ["auth", "actions", "http", "i18n", "realtime", "settings", "whatsapp", "jobs"].map((d) => `./lib/${d}`);
const CORE = ["./lib/inbox"];
const FEATURES = ["assignment", "leads", "bots", "forwarding", "ai", "retention", "reports", "team", "workspaces", "templates", "quick-replies"].map((d) => `./lib/${d}`);
const COMPOSITION = ["./lib/composition", "./lib/seed"];

const layerZone = (target, from, layer) => ({
  target,
  from,
  message: `${layer} imports only from its own layer and the ones below (AGENTS.md, "Layers"); wire features together in lib/composition.`,
});

const PUBLISH_MESSAGE =
  "Domain functions return the events they caused ({ events }); the entry point (action, route, job kind in lib/composition, webhook) publishes them after its commit.";

const DB_IN_COMPONENTS = {
  regex: "^(@/lib/db/|drizzle-orm|postgres$|@electric-sql/pglite)",
  allowTypeImports: true,
  message: "Components never reach the database: load the data in the page or route and pass it down (type imports are fine).",
};
// Libraries every dashboard page would otherwise download before it can be used (docs/performance.md): they load on
// first use through a dynamic import. A static import anywhere in components/ puts them back in the first script.
const LAZY_LIBRARIES = [
  {
    regex: "^sonner$",
    allowTypeImports: true,
    message: 'Import `toast` from "@/components/ui/toast": it loads sonner with the first toast (type imports are fine).',
  },
  {
    regex: "^pusher-js",
    allowTypeImports: true,
    message: "pusher-js loads after hydration (components/realtime/realtime-provider.tsx); use the realtime hooks (type imports are fine).",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "drizzle/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    // no-cycle follows every import it resolves; packages cannot import lib/, and parsing them costs time (and PGlite's bundle overflows the parser's stack).
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            layerZone(BASE, [...PLATFORM, ...CORE, ...FEATURES, ...COMPOSITION], "lib/*.ts and lib/db (layer 0, base)"),
            layerZone(PLATFORM, [...CORE, ...FEATURES, ...COMPOSITION], "A platform module (layer 1)"),
            layerZone(CORE, [...FEATURES, ...COMPOSITION], "lib/inbox (layer 2, the core domain)"),
            layerZone(FEATURES, COMPOSITION, "A feature (layer 3)"),
            { target: "./lib", from: ["./app", "./components", "./pages"], message: "lib/ is called by app/, components/ and pages/, never the other way round." },
          ],
        },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/realtime/**", "lib/composition/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "(^|/)realtime/publish$", message: PUBLISH_MESSAGE }] }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      // Components render what pages and routes hand them; the types of rows are welcome, the database is not.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            DB_IN_COMPONENTS,
            ...LAZY_LIBRARIES,
          ],
        },
      ],
    },
  },
  {
    // The one place sonner is imported whole; it is itself loaded on the first toast (components/ui/sonner.tsx).
    files: ["components/ui/sonner-toaster.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [DB_IN_COMPONENTS] }] },
  },
]);
