import { afterEach, describe, expect, it } from "vitest";
import { serverNodeFlags } from "@/scripts/lib/server-node-flags";

const saved = process.env.NODE_OPTIONS;
afterEach(() => {
  if (saved === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = saved;
});

describe("serverNodeFlags", () => {
  it("gives the server processes a 64 MB young generation", () => {
    delete process.env.NODE_OPTIONS;
    expect(serverNodeFlags()).toEqual(["--max-semi-space-size=64"]);
  });

  it("leaves the size to NODE_OPTIONS when it names one", () => {
    process.env.NODE_OPTIONS = "--enable-source-maps --max-semi-space-size=16";
    expect(serverNodeFlags()).toEqual([]);
  });
});
