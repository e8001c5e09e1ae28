import { z } from "zod";
import { defineStoredSection } from "@/lib/settings/stored-section";

/**
 * Webhook forwarding ("webhook resend"): every incoming customer message is
 * sent on to the business's own URL. Off by default; `secret` signs each
 * request (Standard Webhooks) and is stored encrypted.
 */
export const webhookForwardingSection = defineStoredSection({
  key: "webhook-forwarding",
  schema: z.object({
    enabled: z.boolean().default(false),
    method: z.enum(["GET", "POST"]).default("POST"),
    url: z.string().trim().max(2000).default(""),
    secret: z.string().trim().max(200).default(""),
  }),
  secretFields: ["secret"],
});

export type WebhookForwardingSettings = z.output<typeof webhookForwardingSection.schema>;
