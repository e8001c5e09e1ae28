import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { FieldErrors } from "@/lib/errors";
import { defineStoredSection, getSettings, saveSettings } from "@/lib/settings/stored-section";
import { AI_MODEL_IDS, DEFAULT_AI_MODEL } from "./models";
import { listModels, OpenAiHttpError } from "./openai-http";

/**
 * AI integration (Settings > AI integration): off by default, the workspace's
 * own OpenAI secret key (encrypted, write-only: an empty field keeps it) and
 * the chat model every AI feature uses.
 */
export const aiIntegrationSection = defineStoredSection({
  key: "ai-integration",
  schema: z.object({
    enabled: z.boolean().default(false),
    apiKey: z.string().trim().max(400).default(""),
    model: z.enum(AI_MODEL_IDS).default(DEFAULT_AI_MODEL),
  }),
  secretFields: ["apiKey"],
});

export type AiIntegrationSettings = z.output<typeof aiIntegrationSection.schema>;

/**
 * Asks the API which models the key may use (GET /models): a refused key, an
 * API that does not answer and a model the key cannot use become field errors
 * in words, so a broken key is never stored silently.
 */
async function assertKeyCanUse(apiKey: string, model: string): Promise<void> {
  let models: string[];
  try {
    models = await listModels(apiKey);
  } catch (error) {
    if (!(error instanceof OpenAiHttpError)) throw error;
    if (error.status === 401 || error.status === 403) throw new FieldErrors({ apiKey: { key: "ai_key_invalid" } });
    throw new FieldErrors({ apiKey: { key: "ai_key_check_failed" } });
  }
  if (!models.includes(model)) throw new FieldErrors({ model: { key: "ai_model_unavailable", values: { model } } });
}

/**
 * Saves the section. The key is checked when a new one is typed, and again
 * when the model changes (with the stored key); switching AI off needs no
 * call, so it works while OpenAI is unreachable. Turning AI on needs a key.
 */
export async function saveAiIntegration(db: Db, workspaceId: string, values: AiIntegrationSettings, userId: string | null): Promise<void> {
  const current = await getSettings(db, workspaceId, aiIntegrationSection);
  const apiKey = values.apiKey || current.apiKey;
  if (values.enabled && !apiKey) throw new FieldErrors({ apiKey: { key: "required" } });
  const keyChanged = Boolean(values.apiKey) && values.apiKey !== current.apiKey;
  if (apiKey && (keyChanged || values.model !== current.model)) await assertKeyCanUse(apiKey, values.model);
  await saveSettings(db, workspaceId, aiIntegrationSection, values, userId);
}
