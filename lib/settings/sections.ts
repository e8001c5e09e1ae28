import { z } from "zod";
import type { Member } from "@/lib/auth/member";
import type { Db } from "@/lib/db/client";
import { FieldErrors } from "@/lib/errors";
import { channelSchema, saveChannel } from "@/lib/whatsapp/channel";
import { notificationSoundSection } from "./notification-sound";
import { saveSettings } from "./stored-section";
import { supportAgentSection } from "./support-agent";

/**
 * Every settings section the product has, in sidebar order. Each has a zod
 * schema for its form and a save function; the one settings action
 * (app/(dashboard)/settings/actions.ts) dispatches on `section`.
 */
export const SETTINGS_SECTIONS = ["whatsapp", "support-agent", "notification-sound"] as const;
export type SettingsSectionKey = (typeof SETTINGS_SECTIONS)[number];

export const saveSectionSchema = z.discriminatedUnion("section", [
  z.object({ section: z.literal("whatsapp"), values: channelSchema }),
  z.object({ section: z.literal("notification-sound"), values: notificationSoundSection.schema }),
  z.object({ section: z.literal("support-agent"), values: supportAgentSection.schema }),
]);

export type SaveSectionInput = z.output<typeof saveSectionSchema>;

async function saveValues(db: Db, member: Member, input: SaveSectionInput): Promise<void> {
  switch (input.section) {
    case "whatsapp":
      return saveChannel(db, member.workspaceId, input.values);
    case "notification-sound":
      return saveSettings(db, member.workspaceId, notificationSoundSection, input.values, member.userId);
    case "support-agent":
      return saveSettings(db, member.workspaceId, supportAgentSection, input.values, member.userId);
  }
}

export async function saveSection(db: Db, member: Member, input: SaveSectionInput): Promise<void> {
  try {
    await saveValues(db, member, input);
  } catch (error) {
    // Field errors found by a section's own checks use the same paths as schema errors ("values.<field>").
    if (!(error instanceof FieldErrors)) throw error;
    throw new FieldErrors(Object.fromEntries(Object.entries(error.fields).map(([field, ref]) => [`values.${field}`, ref])));
  }
}
