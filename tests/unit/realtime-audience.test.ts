import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The one audience rule (lib/realtime/audience.ts) only holds if nobody goes
 * around it: a module that publishes a chat or lead event straight to the
 * workspace channel tells every agent its id, even those restricted to their
 * own chats. This reads the source, so a new publish site cannot slip past.
 */
const ROOT = join(__dirname, "..", "..");
const SOURCES = ["app", "components", "lib", "pages"];
/** Where channels are named on purpose: the rule itself, the authorization, and the browser that subscribes. */
const ALLOWED = new Set(["lib/realtime/audience.ts", "lib/realtime/channels.ts", "lib/realtime/events.ts", "components/realtime/realtime-provider.tsx"]);
/** News meant for one person, on their own channel. Every other event is published through an audience. */
const PERSONAL_EVENTS = new Set(["conversation.assigned", "lead.assigned"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

describe("the one audience rule", () => {
  it("reads the application's sources", () => {
    expect(files.some((f) => f.path === "lib/realtime/audience.ts")).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it("names the workspace and admins channels only in lib/realtime and the subscribing provider", () => {
    const offenders = files.filter((f) => !ALLOWED.has(f.path) && /\b(workspaceChannel|adminsChannel)\s*\(/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("builds a single event by hand only for news meant for one person", () => {
    const offenders = files.flatMap((f) =>
      f.path.startsWith("lib/realtime/")
        ? []
        : [...f.text.matchAll(/\bevent\(\s*[^,]+,\s*"([a-z]+\.[a-z]+)"/g)].filter((m) => !PERSONAL_EVENTS.has(m[1]!)).map((m) => `${f.path}: ${m[1]}`),
    );
    expect(offenders).toEqual([]);
  });
});
