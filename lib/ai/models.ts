/**
 * The chat models the AI integration screen offers (the original product's
 * list). `key` names the model's texts in messages/ (`settings.sections.ai-integration.models.<key>`),
 * since next-intl reads dots in a key as nesting. Safe for the browser: no server code here.
 */
export const AI_MODELS = [
  { id: "gpt-3.5-turbo", key: "gpt35Turbo" },
  { id: "gpt-3.5-turbo-16k", key: "gpt35Turbo16k" },
  { id: "gpt-4", key: "gpt4" },
  { id: "gpt-4-turbo", key: "gpt4Turbo" },
  { id: "gpt-4-0125-preview", key: "gpt40125Preview" },
  { id: "gpt-4-turbo-preview", key: "gpt4TurboPreview" },
  { id: "gpt-4o", key: "gpt4o" },
  { id: "gpt-4o-mini", key: "gpt4oMini" },
] as const;

export const AI_MODEL_IDS = AI_MODELS.map((model) => model.id) as [AiModelId, ...AiModelId[]];
export type AiModelId = (typeof AI_MODELS)[number]["id"];

/** Recommended by the original guide: the best balance of speed, quality and price for live chat. */
export const DEFAULT_AI_MODEL: AiModelId = "gpt-4o-mini";

/** The composer's actions; also the `action` of their `ai_usage` rows (the assistant adds "assistant"). */
export const AI_ACTIONS = ["translate", "tone", "grammar", "simplify", "smart-reply", "custom-prompt"] as const;
export type AiAction = (typeof AI_ACTIONS)[number];

export const AI_TONES = ["professional", "friendly", "empathetic", "direct"] as const;
export type AiTone = (typeof AI_TONES)[number];

/** Languages offered in the Translate menu; any other language can be typed. */
export const AI_LANGUAGES = ["pt-BR", "en", "es"] as const;
