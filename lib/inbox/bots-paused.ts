/** Until when bots stay silent in a conversation: the later of the two pauses, if it lies ahead. */
export function botsPausedUntil(row: { botsPausedUntil: Date | null; assistantPausedUntil: Date | null }, now: Date = new Date()): Date | null {
  const later = [row.botsPausedUntil, row.assistantPausedUntil].filter((d): d is Date => d !== null && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return later ?? null;
}
