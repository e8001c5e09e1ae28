import { describe, expect, it } from "vitest";
import type { z } from "zod";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";
import { saveSectionSchema } from "@/lib/composition/settings-sections";
import { fieldRefs } from "@/lib/validation";

/*
 * Rule (issue 16): a required number field of any settings section left empty says "Obrigatório." /
 * "Required.", and a value out of its range keeps the range message. The fields are found in the one
 * save schema, so a number field added to a section later is held to the same rule.
 */

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; checks?: Array<{ _zod: { def: { check: string; value?: number } } }> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The number schema under defaults and optional/nullable wrappers, or null for another type. */
function numberSchema(schema: z.ZodType): z.ZodType | null {
  const def = defOf(schema);
  if (def.type === "number") return schema;
  if (def.innerType) return numberSchema(def.innerType);
  if (def.type === "pipe" && def.in) return numberSchema(def.in);
  return null;
}

function bound(schema: z.ZodType, check: "greater_than" | "less_than"): number | undefined {
  return defOf(schema).checks?.find((c) => c._zod.def.check === check)?._zod.def.value;
}

const numberFields = saveSectionSchema.options.flatMap((option) => {
  const section = (option.shape.section as unknown as { value: string }).value;
  const values = option.shape.values as unknown as z.ZodObject;
  return Object.entries(values.shape).flatMap(([field, schema]) => {
    const number = numberSchema(schema as z.ZodType);
    return number ? [{ name: `${section}.${field}`, section, field, min: bound(number, "greater_than"), max: bound(number, "less_than") }] : [];
  });
});

function errorFor(section: string, field: string, value: unknown) {
  const result = saveSectionSchema.safeParse({ section, values: { [field]: value } });
  return result.success ? undefined : fieldRefs(result.error)[`values.${field}`];
}

describe("number fields of the settings", () => {
  it("are found (Stop Bot hours, the assistant's delay, cleanup days)", () => {
    expect(numberFields.map(({ section, field }) => `${section}.${field}`)).toEqual(
      expect.arrayContaining(["stop-bot.restartAfterHours", "ai-assistant.delaySeconds", "chat-cleanup.days"]),
    );
  });

  it.each(numberFields)("$name left empty (NaN, as the forms send it) says Required", ({ section, field }) => {
    expect(errorFor(section, field, Number.NaN)).toEqual({ key: "required" });
    expect(en.validation.required).toBe("Required.");
    expect(ptBR.validation.required).toBe("Obrigatório.");
  });

  it.each(numberFields)("$name out of range keeps a range message, and a fraction asks for a whole number", ({ section, field, min, max }) => {
    expect(max, "every number field has a maximum").toBeDefined();
    expect(errorFor(section, field, max! + 1)?.key).toMatch(/^(too_big|cleanup_days)$/);
    if (min !== undefined) expect(errorFor(section, field, min - 1)).toEqual(expect.objectContaining({ key: expect.stringMatching(/^(too_small|cleanup_days)$/) }));
    expect(errorFor(section, field, (min ?? 0) + 1.5)?.key).toMatch(/^(whole_number|cleanup_days)$/);
  });

  it("Stop Bot's hours name their own range", () => {
    expect(errorFor("stop-bot", "restartAfterHours", 0)).toEqual({ key: "too_small", values: { min: 1 } });
    expect(errorFor("stop-bot", "restartAfterHours", 721)).toEqual({ key: "too_big", values: { max: 720 } });
    expect(errorFor("ai-assistant", "delaySeconds", 601)).toEqual({ key: "too_big", values: { max: 600 } });
  });
});
