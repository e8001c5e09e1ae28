import type { z } from "zod";

export type MessageRef = { key: string; values?: Record<string, string | number> };

/**
 * Turns a zod issue into a message key under `validation.` in messages/.
 * A schema may name its own key with `{ error: "validation.<key>" }`.
 */
export function issueMessage(issue: z.core.$ZodIssue): MessageRef {
  if (issue.message?.startsWith("validation.")) return { key: issue.message.slice("validation.".length) };
  switch (issue.code) {
    case "invalid_type":
      // A number field left empty reaches the schema as NaN (forms send NaN, never 0 or a missing value, which
      // a default would silently fill in). Zod reports no input, so every wrong type reads as missing, except
      // a fraction in a field of whole numbers.
      return issue.expected === "int" ? { key: "whole_number" } : { key: "required" };
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? { key: "required" } : { key: "too_short", values: { min: Number(issue.minimum) } };
      return { key: "too_small", values: { min: Number(issue.minimum) } };
    case "too_big":
      return issue.origin === "string" ? { key: "too_long", values: { max: Number(issue.maximum) } } : { key: "too_big", values: { max: Number(issue.maximum) } };
    case "invalid_format":
      if (issue.format === "email") return { key: "invalid_email" };
      if (issue.format === "url") return { key: "invalid_url" };
      return { key: "invalid" };
    case "invalid_value":
      return { key: "invalid_option" };
    default:
      return { key: "invalid" };
  }
}

export function fieldRefs(error: z.ZodError): Record<string, MessageRef> {
  const fields: Record<string, MessageRef> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    fields[path] ??= issueMessage(issue);
  }
  return fields;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can match no row; checking first keeps Postgres from failing the cast with a 500. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
