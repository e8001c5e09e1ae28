import { z } from "zod";
import { defineStoredSection } from "./stored-section";

/**
 * Whether open inbox tabs play an alert when a customer writes. On by
 * default: a workspace that never opened this section still hears new chats.
 */
export const notificationSoundSection = defineStoredSection({
  key: "notification-sound",
  schema: z.object({ enabled: z.boolean().default(true) }),
});
