import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";

/** The five prompts every workspace starts with, in the original product's order. */
const DEFAULT_PROMPT_KEYS = ["formalIntroduction", "productInformation", "complaintResponse", "appointmentReminder", "upsellOffer"] as const;

/**
 * Their names and instructions in the workspace's language (workspaces.locale),
 * from messages/ (`ai.defaultPrompts`). Built with next-intl's createTranslator
 * rather than the request's translator: the member's UI language does not
 * decide, and scripts (workspace:create, the seed) have no request.
 */
export function defaultPrompts(locale: string): { name: string; instruction: string }[] {
  const chosen = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = createTranslator({ locale: chosen, messages: chosen === "en" ? en : ptBR, namespace: "ai.defaultPrompts" });
  return DEFAULT_PROMPT_KEYS.map((key) => ({ name: t(`${key}.name`), instruction: t(`${key}.instruction`) }));
}
