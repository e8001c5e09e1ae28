import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CUT_MARKER, MAX_PAYLOAD_DEPTH, mayNeedSanitizing, messageTime, sanitizeJson, stringifyJson } from "@/lib/whatsapp/sanitize";
import { FIXTURES } from "../support/webhook";

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe("mayNeedSanitizing: the cheap check that spares ordinary deliveries the walk", () => {
  it("is false for a real delivery's text", () => {
    expect(mayNeedSanitizing(readFileSync(`${FIXTURES}/text-message.json`, "utf8"))).toBe(false);
    expect(mayNeedSanitizing(readFileSync(`${FIXTURES}/media-batch.json`, "utf8"))).toBe(false);
  });

  it("is true for a NUL or surrogate escape, in any case, and for more brackets than the depth allowed", () => {
    expect(mayNeedSanitizing(JSON.stringify({ a: "x\u0000" }))).toBe(true);
    expect(mayNeedSanitizing('{"a":"\\uD800"}')).toBe(true);
    expect(mayNeedSanitizing('{"a":"\\udc00"}')).toBe(true);
    expect(mayNeedSanitizing(`{"a":${"[".repeat(MAX_PAYLOAD_DEPTH + 1)}${"]".repeat(MAX_PAYLOAD_DEPTH + 1)}}`)).toBe(true);
    expect(mayNeedSanitizing('{"a":"\\u00e9"}')).toBe(false);
  });
});

describe("sanitizeJson makes a value storable in Postgres text and jsonb", () => {
  it("removes NUL from strings and keys and replaces lone surrogates, leaving good values as they are", () => {
    const { value, cut } = sanitizeJson({ "a\u0000": ["b\u0000c", 1, true, null], d: "e\ud800", ok: "👍 olá" });
    expect(value).toEqual({ a: ["bc", 1, true, null], d: "e\ufffd", ok: "👍 olá" });
    expect(cut).toBe(false);
  });

  it("cuts what is nested deeper than the limit, says so, and does not overflow on 100,000 levels", () => {
    const { value, cut } = sanitizeJson({ deep: nested(100_000) });
    expect(cut).toBe(true);
    let part = (value as { deep: unknown }).deep;
    let depth = 1;
    while (Array.isArray(part)) [part, depth] = [part[0], depth + 1];
    expect(part).toBe(CUT_MARKER);
    expect(depth).toBe(MAX_PAYLOAD_DEPTH);
    expect(sanitizeJson(nested(MAX_PAYLOAD_DEPTH - 1)).cut).toBe(false);
  });
});

describe("stringifyJson writes JSON of any depth", () => {
  it("matches JSON.stringify where it works", () => {
    const value = { a: [1, "x\u0000", { b: null, "c\"": [] }], d: {}, e: -1.5 };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it("writes a value JSON.stringify overflows on, and it reads back", () => {
    const value = { id: "w", extra: nested(20_000) };
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    const text = stringifyJson(value);
    expect(text).toBe(`{"id":"w","extra":${"[".repeat(20_000)}1${"]".repeat(20_000)}}`);
    expect((JSON.parse(text) as { id: string }).id).toBe("w");
  });
});

describe("messageTime: a message's time, or the time of receipt when the one sent is absurd", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it("reads Unix seconds sent as a string or a number", () => {
    expect(messageTime("1764000000", now)).toEqual({ at: new Date(1764000000 * 1000), replaced: false });
    expect(messageTime(1764000000, now)).toEqual({ at: new Date(1764000000 * 1000), replaced: false });
  });
  it.each([["9999999999999"], ["0"], ["1230000000"], ["-5"], ["soon"], [""], [null], [undefined], [{}], [String(Math.floor(now.getTime() / 1000) + 2 * 86400)]])(
    "takes the time of receipt for %j",
    (timestamp) => {
      expect(messageTime(timestamp, now)).toEqual({ at: now, replaced: true });
    },
  );
});
