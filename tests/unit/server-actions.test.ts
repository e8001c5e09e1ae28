import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every `"use server"` module must export only actions built by `action()` or `publicAction()`. */
function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : serverActionFiles(full);
    if (!/\.tsx?$/.test(entry)) return [];
    return /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

export function unwrappedExports(source: string): string[] {
  const problems: string[] = [];
  for (const match of source.matchAll(/^export\s+(.*)$/gm)) {
    const line = match[1]!;
    const wrapped = /^const\s+\w+\s*=\s*(action|publicAction)\(/.test(line);
    if (!wrapped) problems.push(line.slice(0, 80));
  }
  return problems;
}

describe("server action modules", () => {
  const files = ["app", "components", "lib"].flatMap((dir) => serverActionFiles(path.resolve(dir)));

  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(process.cwd(), f)]))("%s exports only wrapped actions", (file) => {
    expect(unwrappedExports(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("flags a bare exported function", () => {
    expect(unwrappedExports(`"use server";\nexport async function leak() {}\nexport const ok = action({}, fn);`)).toEqual(["async function leak() {}"]);
  });
});
