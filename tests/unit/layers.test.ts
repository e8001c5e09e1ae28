import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The import rules of AGENTS.md, "Layers". eslint.config.mjs enforces them in `npm run lint`; these
// tests prove the rules fire on a violating file, so a config change cannot switch them off unnoticed.

const root = path.resolve(import.meta.dirname, "../..");
// no-cycle reads the importing file from disk, and these files exist only in memory.
const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { "import/no-cycle": "off" } } });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe("the layer rules in eslint.config.mjs", () => {
  it("refuse the inbox (core) importing a feature", async () => {
    expect(await ruleIds("lib/inbox/x.ts", `import { foldText } from "@/lib/bots/keywords";\nexport const f = foldText;\n`)).toContain("import/no-restricted-paths");
  }, 30_000);

  it("refuse a platform module importing the inbox, and a feature importing lib/composition", async () => {
    expect(await ruleIds("lib/jobs/x.ts", `import { isWindowOpen } from "@/lib/inbox/service-window";\nexport const f = isWindowOpen;\n`)).toContain("import/no-restricted-paths");
    expect(await ruleIds("lib/bots/x.ts", `import { JOB_DEFINITIONS } from "@/lib/composition/job-kinds";\nexport const f = JOB_DEFINITIONS;\n`)).toContain("import/no-restricted-paths");
  }, 30_000);

  it("let a feature import the inbox and lib/composition import a feature", async () => {
    expect(await ruleIds("lib/bots/x.ts", `import { isWindowOpen } from "@/lib/inbox/service-window";\nexport const f = isWindowOpen;\n`)).toEqual([]);
    expect(await ruleIds("lib/composition/x.ts", `import { foldText } from "@/lib/bots/keywords";\nexport const f = foldText;\n`)).toEqual([]);
  }, 30_000);

  it("refuse lib/ importing from app/ or components/", async () => {
    expect(await ruleIds("lib/leads/x.ts", `import { Button } from "@/components/ui/button";\nexport const f = Button;\n`)).toContain("import/no-restricted-paths");
  }, 30_000);

  it("refuse publish() in domain code, and allow it in lib/composition and in actions", async () => {
    const code = `import { publish } from "@/lib/realtime/publish";\nexport const f = publish;\n`;
    expect(await ruleIds("lib/leads/x.ts", code)).toContain("no-restricted-imports");
    expect(await ruleIds("lib/composition/x.ts", code)).toEqual([]);
    expect(await ruleIds("app/(dashboard)/x/actions.ts", code)).toEqual([]);
  }, 30_000);

  it("refuse components importing values from lib/db, and allow its types", async () => {
    expect(await ruleIds("components/x/y.tsx", `import { leads } from "@/lib/db/schema";\nexport const f = leads;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await ruleIds("components/x/y.tsx", `import type { LeadStatus } from "@/lib/db/schema";\nexport const f = (s: LeadStatus) => s;\n`)).toEqual([]);
  }, 30_000);
});

// --- Components never reach the database, not even through a lib module -------------

/** Value imports only: `import type` and all-type specifier lists vanish from the bundle. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  return [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((candidate) => existsSync(candidate)) ?? null;
}

const DATABASE_PACKAGES = /^(drizzle-orm|postgres$|@electric-sql\/pglite)/;
const reaches = new Map<string, string | null>();

/** The first database module a file reaches through value imports, or null. */
function databaseReached(file: string): string | null {
  if (reaches.has(file)) return reaches.get(file)!;
  reaches.set(file, null); // a cycle adds nothing new
  let found: string | null = null;
  if (file.startsWith(path.join(root, "lib/db") + path.sep)) found = path.relative(root, file);
  for (const specifier of found ? [] : valueImports(file)) {
    if (DATABASE_PACKAGES.test(specifier)) found = `${path.relative(root, file)} -> ${specifier}`;
    const target = found ? null : resolve(file, specifier);
    if (target?.startsWith(path.join(root, "lib") + path.sep)) found = databaseReached(target);
    if (found) break;
  }
  reaches.set(file, found);
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("components/", () => {
  it("never reach the database through the lib modules they import", () => {
    const offenders = filesUnder(path.join(root, "components")).flatMap((file) =>
      valueImports(file)
        .map((specifier) => resolve(file, specifier))
        .filter((target): target is string => target !== null && target.startsWith(path.join(root, "lib") + path.sep))
        .map((target) => [path.relative(root, file), databaseReached(target)] as const)
        .filter(([, reached]) => reached !== null),
    );
    expect(offenders).toEqual([]);
  });
});

describe("the lazy libraries in eslint.config.mjs (docs/performance.md)", () => {
  it("refuse a component importing sonner or pusher-js, and allow their types and the toast wrapper", async () => {
    expect(await ruleIds("components/x.tsx", `import { toast } from "sonner";\nexport const f = toast;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await ruleIds("components/x.tsx", `import Pusher from "pusher-js";\nexport const f = Pusher;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await ruleIds("components/x.tsx", `import type Pusher from "pusher-js";\nexport type P = Pusher;\n`)).toEqual([]);
    expect(await ruleIds("components/x.tsx", `import { toast } from "@/components/ui/toast";\nexport const f = toast;\n`)).toEqual([]);
  }, 30_000);

  it("let the toaster itself import sonner, and still keep it from the database", async () => {
    expect(await ruleIds("components/ui/sonner-toaster.tsx", `import { Toaster } from "sonner";\nexport const f = Toaster;\n`)).toEqual([]);
    expect(await ruleIds("components/ui/sonner-toaster.tsx", `import { sql } from "drizzle-orm";\nexport const f = sql;\n`)).toContain("@typescript-eslint/no-restricted-imports");
  }, 30_000);
});
