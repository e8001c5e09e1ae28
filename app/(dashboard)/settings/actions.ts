"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { publish } from "@/lib/realtime/publish";
import { terminateAgentConnections } from "@/lib/realtime/terminate";
import { saveSection, saveSectionSchema } from "@/lib/composition/settings-sections";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { testChannelConnection } from "@/lib/whatsapp/channel";

/** The one action that saves any settings section; the section's schema validates its values. */
export const saveSettingsAction = action(
  { name: "saveSettings", permission: "settings:manage", input: saveSectionSchema },
  async ({ db, member }, input) => {
    const wasRestricted = input.section === "support-agent" && (await getSettings(db, member.workspaceId, supportAgentSection)).restrictToAssigned;
    const { events } = await saveSection(db, member, input);
    // Turning the restriction on takes other people's chats from every agent: their open tabs
    // reconnect, re-read their lists and hold only what they may hold now.
    if (input.section === "support-agent" && input.values.restrictToAssigned && !wasRestricted) {
      await terminateAgentConnections(db, member.workspaceId);
    }
    revalidatePath(`/settings/${input.section}`);
    // Open tabs of the workspace re-read the section, so a change (e.g. muting the alert) applies without a reload.
    await publish(events);
  },
);

export const testWhatsappConnectionAction = action(
  { name: "testWhatsappConnection", permission: "settings:manage", input: z.object({}) },
  async ({ db, member }) => testChannelConnection(db, member.workspaceId),
);
