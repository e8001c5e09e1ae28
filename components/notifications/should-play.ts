import type { RealtimeEventMap } from "@/lib/realtime/events";

export type SoundPreferences = { enabled: boolean; userId: string };

/**
 * Whether a new message should sound the alert: only when the workspace has
 * the sound on and a customer wrote. Replies (an agent's, this user's own,
 * the bot's) never sound; authorUserId is checked too so an event that names
 * this user as its author stays silent whatever its other fields say.
 */
export function shouldPlay(message: RealtimeEventMap["message.created"], preferences: SoundPreferences): boolean {
  if (!preferences.enabled) return false;
  if (message.direction !== "inbound" || message.sender !== "customer") return false;
  return message.authorUserId === null || message.authorUserId !== preferences.userId;
}
