import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";
import { MESSAGE_TYPES } from "@/lib/inbox/message-types";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();
}

describe("message catalogues", () => {
  it("pt-BR and en have the same keys", () => {
    expect(keys(ptBR).sort()).toEqual(keys(en).sort());
  });

  it("each translation uses the same placeholders as English", () => {
    const lookup = (obj: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
    for (const key of keys(en)) {
      expect(placeholders(String(lookup(ptBR, key))), key).toEqual(placeholders(String(lookup(en, key))));
    }
  });

  it("has a label in both languages for every message type the app stores, and one for a type added later", () => {
    for (const catalogue of [en, ptBR]) {
      const labels = catalogue.messageTypes as Record<string, string>;
      for (const type of MESSAGE_TYPES) expect(labels[type], type).toBeTruthy();
      expect(labels.other).toContain("{type}");
    }
    expect(ptBR.messageTypes.text).toBe("Texto");
  });
});
