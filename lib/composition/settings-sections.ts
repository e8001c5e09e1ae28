import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Member } from "@/lib/auth/member";
import type { Db } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema";
import { aiIntegrationSection, saveAiIntegration } from "@/lib/ai/settings";
import { saveAssistantSettings } from "@/lib/bots/assistant-save";
import { assistantSaveSchema } from "@/lib/bots/assistant-settings";
import { businessHoursSaveSchema, saveBusinessHours } from "@/lib/business-hours/settings";
import { stopBotSection } from "@/lib/bots/stop-bot-settings";
import { FieldErrors } from "@/lib/errors";
import { settingsUpdatedEvents } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { saveForwardingSettings, webhookForwardingInput } from "@/lib/forwarding/settings";
import { isActiveSource } from "@/lib/leads/sources";
import { chatCleanupSection } from "@/lib/retention/settings";
import { channelSchema, saveChannel } from "@/lib/whatsapp/channel";
import { autoLeadSection, type AutoLeadSettings } from "@/lib/settings/auto-lead";
import { notificationSoundSection } from "@/lib/settings/notification-sound";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";

/**
 * Every settings section the product has, in sidebar order. A section with a
 * values form also has a branch in `saveSectionSchema`, and the one settings
 * action (app/(dashboard)/settings/actions.ts) dispatches on `section`.
 * "lead-sources", "templates", "bots" and "ai-prompts" manage rows rather than values: they have
 * their own actions (app/(dashboard)/settings/<key>/actions.ts) and no branch here.
 */
export const SETTINGS_SECTIONS = ["whatsapp", "templates", "support-agent", "auto-lead", "lead-sources", "bots", "business-hours", "stop-bot", "notification-sound", "webhook-forwarding", "ai-integration", "ai-prompts", "ai-assistant", "chat-cleanup"] as const;
export type SettingsSectionKey = (typeof SETTINGS_SECTIONS)[number];

export const saveSectionSchema = z.discriminatedUnion("section", [
  z.object({ section: z.literal("whatsapp"), values: channelSchema }),
  z.object({ section: z.literal("notification-sound"), values: notificationSoundSection.schema }),
  z.object({ section: z.literal("webhook-forwarding"), values: webhookForwardingInput }),
  z.object({ section: z.literal("ai-integration"), values: aiIntegrationSection.schema }),
  z.object({ section: z.literal("chat-cleanup"), values: chatCleanupSection.schema }),
  z.object({ section: z.literal("support-agent"), values: supportAgentSection.schema }),
  z.object({ section: z.literal("auto-lead"), values: autoLeadSection.schema }),
  z.object({ section: z.literal("stop-bot"), values: stopBotSection.schema }),
  z.object({ section: z.literal("ai-assistant"), values: assistantSaveSchema }),
  z.object({ section: z.literal("business-hours"), values: businessHoursSaveSchema }),
]);

export type SaveSectionInput = z.output<typeof saveSectionSchema>;

async function saveValues(db: Db, member: Member, input: SaveSectionInput): Promise<void> {
  switch (input.section) {
    case "whatsapp":
      return saveChannel(db, member.workspaceId, input.values);
    case "notification-sound":
      return saveSettings(db, member.workspaceId, notificationSoundSection, input.values, member.userId);
    case "webhook-forwarding":
      return saveForwardingSettings(db, member.workspaceId, input.values, member.userId);
    case "ai-integration":
      return saveAiIntegration(db, member.workspaceId, input.values, member.userId);
    case "chat-cleanup":
      return saveSettings(db, member.workspaceId, chatCleanupSection, input.values, member.userId);
    case "support-agent":
      return saveSettings(db, member.workspaceId, supportAgentSection, input.values, member.userId);
    case "stop-bot":
      return saveSettings(db, member.workspaceId, stopBotSection, input.values, member.userId);
    case "ai-assistant":
      return saveAssistantSettings(db, member.workspaceId, input.values, member.userId);
    case "business-hours":
      return saveBusinessHours(db, member.workspaceId, input.values, member.userId);
    case "auto-lead":
      await assertAutoLeadReferences(db, member.workspaceId, input.values);
      return saveSettings(db, member.workspaceId, autoLeadSection, input.values, member.userId);
  }
}

/**
 * The source and assignee must belong to the member's workspace (a forged id
 * would otherwise be stored). Archiving the source or deactivating the member
 * after this check is harmless: the inbound pipeline re-checks both and falls
 * back to WhatsApp / nobody.
 */
async function assertAutoLeadReferences(db: Db, workspaceId: string, values: AutoLeadSettings): Promise<void> {
  const fields: Record<string, { key: string }> = {};
  if (values.sourceId && !(await isActiveSource(db, workspaceId, values.sourceId))) {
    fields.sourceId = { key: "invalid_option" };
  }
  if (values.assigneeUserId) {
    const [assignee] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, values.assigneeUserId), eq(memberships.active, true)));
    if (!assignee) fields.assigneeUserId = { key: "invalid_option" };
  }
  if (Object.keys(fields).length) throw new FieldErrors(fields);
}

/**
 * Saves one section and returns the news for the workspace's open tabs (`settings.updated`), which the
 * caller publishes once saved: a tab re-reads what the section changes (the wand after AI is turned on,
 * the notification sound) without a reload.
 */
export async function saveSection(db: Db, member: Member, input: SaveSectionInput): Promise<{ events: RealtimeEvent[] }> {
  try {
    await saveValues(db, member, input);
  } catch (error) {
    // Field errors found by a section's own checks use the same paths as schema errors ("values.<field>").
    if (!(error instanceof FieldErrors)) throw error;
    throw new FieldErrors(Object.fromEntries(Object.entries(error.fields).map(([field, ref]) => [`values.${field}`, ref])));
  }
  return { events: settingsUpdatedEvents(member.workspaceId, input.section) };
}
