import { z } from "zod";
import { defineStoredSection } from "@/lib/settings/stored-section";

/** Days are whole and at least one: a fraction would make "N days" mean a cutoff nobody chose. */
const days = z
  // The type check keeps the common message: an empty field says "Required.".
  .number()
  .int({ error: "validation.cleanup_days" })
  .min(1, { error: "validation.cleanup_days" })
  // About ten years: beyond that the cutoff stops meaning anything and the date arithmetic gets silly.
  .max(3650);

/**
 * Chat history cleanup. Off by default: deleting customers' messages is
 * something a business must choose. The period is kept when the schedule is
 * off, since "Run cleanup now" uses the saved value.
 */
export const chatCleanupSection = defineStoredSection({
  key: "chat-cleanup",
  schema: z.object({
    enabled: z.boolean().default(false),
    days: days.default(30),
  }),
});

export type ChatCleanupSettings = z.output<typeof chatCleanupSection.schema>;
