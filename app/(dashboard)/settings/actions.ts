"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { event, workspaceChannel } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { saveSection, saveSectionSchema } from "@/lib/settings/sections";
import { testChannelConnection } from "@/lib/whatsapp/channel";

/** The one action that saves any settings section; the section's schema validates its values. */
export const saveSettingsAction = action(
  { name: "saveSettings", permission: "settings:manage", input: saveSectionSchema },
  async ({ db, member }, input) => {
    await saveSection(db, member, input);
    revalidatePath(`/settings/${input.section}`);
    // Open tabs of the workspace re-read the section, so a change (e.g. muting the alert) applies without a reload.
    await publish([event(workspaceChannel(member.workspaceId), "settings.updated", { section: input.section })]);
  },
);

export const testWhatsappConnectionAction = action(
  { name: "testWhatsappConnection", permission: "settings:manage", input: z.object({}) },
  async ({ db, member }) => testChannelConnection(db, member.workspaceId),
);
