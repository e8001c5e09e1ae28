import { z } from "zod";
import { defineStoredSection } from "./stored-section";

/**
 * Support agent settings. Automatic assignment is on by default (every chat
 * gets an owner at once); restricting agents to their own chats is off, so a
 * new workspace's agents all see the shared inbox.
 */
export const supportAgentSection = defineStoredSection({
  key: "support-agent",
  schema: z.object({
    restrictToAssigned: z.boolean().default(false),
    autoAssign: z.boolean().default(true),
    method: z.enum(["round_robin", "least_open"]).default("round_robin"),
  }),
});

export type SupportAgentSettings = z.output<typeof supportAgentSection.schema>;
