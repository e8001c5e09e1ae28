import type { Db } from "@/lib/db/client";
import { getAiConfig } from "@/lib/ai/provider";
import { FieldErrors } from "@/lib/errors";
import { saveSettings } from "@/lib/settings/stored-section";
import { assistantSection, type AssistantSettings } from "./assistant-settings";

/**
 * The assistant answers with the AI integration's key: turning it on while
 * OpenAI is off or has no key would schedule replies that can never be
 * written, so the admin is told where to go first.
 */
export async function saveAssistantSettings(db: Db, workspaceId: string, values: AssistantSettings, userId: string): Promise<void> {
  if (values.enabled) {
    const ai = await getAiConfig(db, workspaceId);
    if (!ai.enabled || !ai.apiKey) throw new FieldErrors({ enabled: { key: "assistant_needs_ai" } });
  }
  await saveSettings(db, workspaceId, assistantSection, values, userId);
}
