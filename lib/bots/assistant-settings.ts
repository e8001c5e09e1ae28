import { z } from "zod";
import { AI_MODEL_IDS } from "@/lib/ai/models";
import { defineStoredSection } from "@/lib/settings/stored-section";
import { ASSISTANT_DELAY_MAX_SECONDS, ASSISTANT_FOOTER_MAX, ASSISTANT_INSTRUCTIONS_MAX } from "./assistant-limits";
import { keywordList } from "./keywords";

/**
 * The AI Assistant: answers customers on its own with the workspace's OpenAI
 * key (AI integration settings). `model` null means the AI integration's
 * chat model. Stored values may be incomplete (a workspace that never saved
 * the section); saving requires the footer and the delay (`assistantSaveSchema`).
 */
export const assistantSection = defineStoredSection({
  key: "ai-assistant",
  schema: z.object({
    enabled: z.boolean().default(false),
    instructions: z.string().trim().max(ASSISTANT_INSTRUCTIONS_MAX).default(""),
    stopKeywords: keywordList.default([]),
    footer: z.string().trim().max(ASSISTANT_FOOTER_MAX).default(""),
    delaySeconds: z.coerce.number().int().min(0).max(ASSISTANT_DELAY_MAX_SECONDS).default(10),
    model: z.enum(AI_MODEL_IDS).nullable().default(null),
  }),
});

/** What "Save changes" accepts: the original screen marks the footer and the delay as required. */
export const assistantSaveSchema = assistantSection.schema.extend({
  footer: z.string().trim().min(1, { error: "validation.required" }).max(ASSISTANT_FOOTER_MAX),
  // No schema-wide message: it would also replace the range messages (zod applies it to every check).
  delaySeconds: z.coerce.number().int().min(0).max(ASSISTANT_DELAY_MAX_SECONDS),
});

export type AssistantSettings = z.output<typeof assistantSection.schema>;
