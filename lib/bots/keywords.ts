import { z } from "zod";

/** Lower case without accents, so "PARE", "pare" and "paré" are one keyword. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * True when the text contains one of the keywords as a whole word (or whole
 * phrase): "stop" matches "Stop!" and "please stop now", not "stopwatch".
 * Case and accents are ignored on both sides.
 */
export function containsKeyword(text: string | null | undefined, keywords: readonly string[]): boolean {
  if (!text || !keywords.length) return false;
  const folded = foldText(text);
  return keywords.some((keyword) => {
    const word = foldText(keyword).trim().split(/\s+/).map(escapeRegExp).join("\\s+");
    return word !== "" && new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "u").test(folded);
  });
}

export const KEYWORD_MAX_LENGTH = 50;
export const KEYWORDS_MAX = 50;

/** A tag list of keywords: trimmed, blanks and repeats (ignoring case and accents) dropped. */
export const keywordList = z
  .array(z.string().trim().max(KEYWORD_MAX_LENGTH))
  .max(KEYWORDS_MAX)
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((keyword) => keyword !== "" && !seen.has(foldText(keyword)) && seen.add(foldText(keyword)));
  });
