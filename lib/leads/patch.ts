import { z } from "zod";
import { LEAD_NOTES_MAX_LENGTH, LEAD_OUTCOMES, LEAD_STATUSES, LEAD_TAG_MAX_LENGTH, LEAD_TAGS_MAX } from "./types";

/**
 * Money as typed in Brazil or elsewhere: "1500", "1500.5", "1.500,50",
 * "1,500.50". Stored as a plain decimal string with two places ("1500.50"),
 * never a float, so reports add it up exactly.
 */
export function parseMoney(raw: string): string | null {
  const text = raw.trim().replace(/^R\$\s*/i, "");
  const match = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const [, whole, thousands, decimal, cents] = match;
  if (thousands && decimal && thousands === decimal) return null;
  const digits = whole!.replace(/[.,]/g, "");
  if (digits.length > 12) return null;
  return `${BigInt(digits).toString()}.${(cents ?? "").padEnd(2, "0")}`;
}

const money = z
  .string()
  .max(32)
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value.trim() === "") return null;
    const parsed = parseMoney(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: "validation.lead_value" });
      return z.NEVER;
    }
    return parsed;
  });

/** Trimmed, blank ones dropped, duplicates (ignoring case) dropped, at most LEAD_TAGS_MAX. */
const tags = z
  .array(z.string().trim().max(LEAD_TAG_MAX_LENGTH))
  .max(100)
  .transform((list, ctx) => {
    const seen = new Set<string>();
    const unique = list.filter((tag) => tag !== "" && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
    if (unique.length > LEAD_TAGS_MAX) {
      ctx.addIssue({ code: "custom", message: "validation.lead_tags_too_many" });
      return z.NEVER;
    }
    return unique;
  });

/** Ids stay plain strings: a malformed or foreign one is refused by the domain code like any other unknown id. */
const id = z.string().max(100);

export const leadPatchSchema = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  outcome: z.enum(LEAD_OUTCOMES).nullable().optional(),
  sourceId: id.optional(),
  assigneeUserId: id.nullable().optional(),
  value: money.optional(),
  notes: z
    .string()
    .max(LEAD_NOTES_MAX_LENGTH)
    .nullable()
    .transform((text) => (text?.trim() ? text.trim() : null))
    .optional(),
  tags: tags.optional(),
});

export type LeadPatchInput = z.input<typeof leadPatchSchema>;
export type LeadPatch = z.output<typeof leadPatchSchema>;
