import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { FieldErrors } from "@/lib/errors";
import { defineStoredSection, saveSettings } from "@/lib/settings/stored-section";
import { assertSafeTarget, RefusedTarget, type Resolve } from "./safe-target";

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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * What the settings form may save. The rules live here rather than on the
 * stored schema, so a stored row always reads back whatever rules change.
 */
export const webhookForwardingInput = webhookForwardingSection.schema.superRefine((values, context) => {
  if (values.enabled && !values.url) context.addIssue({ code: "custom", path: ["url"], message: "validation.webhook_url_required" });
  else if (values.url && !isHttpUrl(values.url)) context.addIssue({ code: "custom", path: ["url"], message: "validation.webhook_url_http" });
});

/**
 * The URL must not reach this server's own network (see safe-target.ts); a
 * name that does not resolve is refused too, since nothing could be sent to it.
 */
export async function assertForwardingTarget(url: string, options: { resolve?: Resolve } = {}): Promise<void> {
  if (!url) return;
  try {
    await assertSafeTarget(url, options);
  } catch (error) {
    if (error instanceof RefusedTarget) {
      throw new FieldErrors({ url: { key: error.reason === "private_address" ? "webhook_url_private" : "webhook_url_http" } });
    }
    throw new FieldErrors({ url: { key: "webhook_url_unresolvable" } });
  }
}

export async function saveForwardingSettings(db: Db, workspaceId: string, values: WebhookForwardingSettings, userId: string): Promise<void> {
  await assertForwardingTarget(values.url);
  await saveSettings(db, workspaceId, webhookForwardingSection, values, userId);
}
