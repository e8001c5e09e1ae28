import type { SettingsSectionKey } from "./settings-sections";

/**
 * The settings sections whose values change what members' screens offer, as server components read
 * them: the composer's wand (AI integration, AI prompts), the lead pages (lead sources, and who may see
 * or hand over what under the support-agent settings), and the AI Assistant with the other AI sections,
 * so a chat screen that comes to show it follows it without more wiring, and business hours, whose
 * time zone is the one every date on every screen is shown in. A
 * `settings.updated` event for one of these re-renders open pages (components/realtime/settings-refresh.tsx).
 * The other sections are read by their settings page, by the server when it acts, or followed live by
 * their own client (the notification sound), so re-rendering every member's page for them would be waste.
 * Browser-safe: components import it.
 */
export const SCREEN_SETTINGS: readonly SettingsSectionKey[] = ["support-agent", "lead-sources", "ai-integration", "ai-prompts", "ai-assistant", "business-hours"];

export function changesScreens(section: string): boolean {
  return (SCREEN_SETTINGS as readonly string[]).includes(section);
}
