import type { AI_LANGUAGES } from "../models";
import { fence, instructions, type AiTask } from "./shared";

const LANGUAGE_NAMES: Record<(typeof AI_LANGUAGES)[number], string> = {
  "pt-BR": "Brazilian Portuguese",
  en: "English",
  es: "Spanish",
};

/** A language from the menu (pt-BR, en, es) by its English name; anything typed is quoted, on one line. */
export function languageName(language: string): string {
  const known = LANGUAGE_NAMES[language as keyof typeof LANGUAGE_NAMES];
  if (known) return known;
  return `the language the agent named as "${language.replace(/["\s]+/g, " ").trim().slice(0, 60)}"`;
}

/** Translate: the draft into the chosen language, nothing added. */
export function translateTask(input: { text: string; language: string }): AiTask {
  const target = languageName(input.language);
  return {
    action: "translate",
    instructions: instructions(
      `Task: translate the draft into ${target}.`,
      "Keep the meaning, tone, names, numbers, links and emojis. Add nothing and leave nothing out.",
      `If the draft is already in ${target}, return it unchanged.`,
    ),
    prompt: fence("draft", input.text),
  };
}
