import { z } from "zod";
import { leadStatusEnum } from "@/lib/db/schema";
import { defineStoredSection } from "./stored-section";

/**
 * WhatsApp Auto Lead settings. Off by default: a workspace decides when every
 * new contact should become a lead. `sourceId` null means the workspace's
 * WhatsApp source; `assigneeUserId` null means nobody, or round robin among
 * available agents when `unassignedMode` says so.
 */
export const autoLeadSection = defineStoredSection({
  key: "auto-lead",
  schema: z.object({
    enabled: z.boolean().default(false),
    status: z.enum(leadStatusEnum.enumValues).default("new"),
    sourceId: z.uuid().nullable().default(null),
    assigneeUserId: z.uuid().nullable().default(null),
    unassignedMode: z.enum(["none", "round_robin"]).default("none"),
  }),
});

export type AutoLeadSettings = z.output<typeof autoLeadSection.schema>;
