import { SHORTCUT_CHAR, SHORTCUT_MAX_LENGTH } from "./shortcut";

/** The "/query" being typed: where its slash is, where the caret is, and the words after the slash. */
export type SlashQuery = { start: number; end: number; query: string };

/**
 * The quick-reply query the caret is in, if any: a "/" at the start of the
 * message or right after whitespace, followed by shortcut characters up to
 * the caret. "https://x" or "1/2" are not queries (no whitespace before the
 * slash), and a space after the query closes it, so typing on is not hijacked.
 */
export function findSlashQuery(text: string, caret: number): SlashQuery | null {
  if (caret < 1 || caret > text.length) return null;
  let start = caret;
  // Walks back over the query's characters; code units are fine here because a lone surrogate is not a letter.
  while (start > 0 && SHORTCUT_CHAR.test(text[start - 1]!) && caret - start <= SHORTCUT_MAX_LENGTH * 2) start--;
  const slash = start - 1;
  if (slash < 0 || text[slash] !== "/") return null;
  if (slash > 0 && !/\s/.test(text[slash - 1]!)) return null;
  const query = text.slice(start, caret);
  if (Array.from(query).length > SHORTCUT_MAX_LENGTH) return null;
  return { start: slash, end: caret, query };
}

/** What the matching compares: lower-case, accents folded, so "preco" finds "/preço" and "Preço". */
export function foldForSearch(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

type Matchable = { shortcut: string; title: string; scope: "workspace" | "own" };

/**
 * The replies a query lists, best first: shortcuts that start with the query,
 * then shortcuts that contain it, then titles that contain it. The member's
 * own reply comes before the workspace's when both use one shortcut, since
 * they kept it for themselves on purpose.
 */
export function matchQuickReplies<T extends Matchable>(replies: readonly T[], query: string, limit = 50): T[] {
  const q = foldForSearch(query);
  const ranked: { reply: T; rank: number }[] = [];
  for (const reply of replies) {
    const shortcut = foldForSearch(reply.shortcut);
    const rank = shortcut.startsWith(q) ? 0 : shortcut.includes(q) ? 1 : foldForSearch(reply.title).includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push({ reply, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.reply.shortcut.localeCompare(b.reply.shortcut) ||
      (a.reply.scope === b.reply.scope ? 0 : a.reply.scope === "own" ? -1 : 1) ||
      a.reply.title.localeCompare(b.reply.title),
  );
  return ranked.slice(0, limit).map((entry) => entry.reply);
}
