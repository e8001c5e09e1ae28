/** A shortcut is one word the agent types after "/": short enough to remember, no spaces (a space ends the query). */
export const SHORTCUT_MAX_LENGTH = 32;

/** Letters (any script, so "/preço" works), digits, "-" and "_". */
export const SHORTCUT_CHAR = /[\p{L}\p{Nd}_-]/u;
const SHORTCUT = /^[\p{L}\p{Nd}_-]+$/u;

/**
 * How a shortcut is stored and compared: without the slash people naturally
 * type in front of it, lower-cased, and NFC-composed so "ç" typed two ways is
 * one shortcut (the unique index compares bytes).
 */
export function normalizeShortcut(raw: string): string {
  return raw.trim().replace(/^\//, "").toLowerCase().normalize("NFC");
}

/** Whether a normalized shortcut may be saved. */
export function isValidShortcut(shortcut: string): boolean {
  return shortcut.length >= 1 && Array.from(shortcut).length <= SHORTCUT_MAX_LENGTH && SHORTCUT.test(shortcut);
}
