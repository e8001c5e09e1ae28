import { existsSync } from "node:fs";

/**
 * The Chromium the browser benchmarks drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE
 * when set, else Debian's headless shell, else Debian's full Chromium.
 *
 * The headless shell (package `chromium-headless-shell`, the same Blink and
 * V8) is what Playwright itself runs for headless Chromium. The full browser
 * in headless mode builds its window's omnibox popup, a WebUI page of its own,
 * for every new tab: on this 2-core machine that renderer loaded and ran ~40
 * scripts while the measured page was loading, and delayed it by hundreds of
 * milliseconds (docs/performance.md, "Fifth round"). A person's browser does
 * that when it opens a window, not on every navigation.
 */
export function benchChromiumExecutable(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  for (const path of ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]) if (existsSync(path)) return path;
  return undefined;
}

/** Which browser the figures came from, printed with them. */
export function benchChromiumName(): string {
  const path = benchChromiumExecutable();
  return path ? path.split("/").pop()! : "Playwright's Chromium";
}
