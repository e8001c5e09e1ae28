import { z } from "zod";
import { isValidShortcut, normalizeShortcut } from "./shortcut";

/** WhatsApp's limit for a text message: a reply longer than this could never be sent as it is. */
export const QUICK_REPLY_BODY_MAX = 4096;
export const QUICK_REPLY_TITLE_MAX = 100;

// Postgres refuses NUL in text; refusing it here gives a field error instead of a failed insert.
const noNul = (value: string) => !value.includes("\u0000");

const title = z
  .string()
  .trim()
  .min(1)
  .max(QUICK_REPLY_TITLE_MAX)
  .refine(noNul, { error: "validation.nul_character" });

const shortcut = z
  .string()
  .transform(normalizeShortcut)
  .refine((value) => value.length > 0, { error: "validation.required", abort: true })
  .refine(isValidShortcut, { error: "validation.quick_reply_shortcut" });

// Trimmed at the ends only: line breaks inside are the reply's layout.
const body = z
  .string()
  .trim()
  .min(1)
  .max(QUICK_REPLY_BODY_MAX, { error: "validation.message_too_long" })
  .refine(noNul, { error: "validation.nul_character" });

export const quickReplyFieldsSchema = z.object({ title, shortcut, body });

/** "workspace": everyone's, managed by admins; "own": the member's alone. */
export const quickReplyScopeSchema = z.enum(["workspace", "own"]);

export const createQuickReplySchema = quickReplyFieldsSchema.extend({ scope: quickReplyScopeSchema });
export const updateQuickReplySchema = quickReplyFieldsSchema.extend({ id: z.string().max(100) });

export type QuickReplyFields = z.output<typeof quickReplyFieldsSchema>;
export type QuickReplyScope = z.output<typeof quickReplyScopeSchema>;
