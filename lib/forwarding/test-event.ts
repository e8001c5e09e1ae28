import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/stored-section";
import { DeliveryError, sendEvent } from "./deliver";
import { sampleEvent } from "./payload";
import { RefusedTarget } from "./safe-target";
import { webhookForwardingSection } from "./settings";

/** "Send test event" sends to what the form shows, saved or not; an empty secret means the stored one. */
export const testEventInput = z.object({
  method: z.enum(["GET", "POST"]),
  url: z.string().trim().min(1).max(2000),
  secret: z.string().trim().max(200).default(""),
});

/** The first bytes of the answer shown on the settings page. */
export const PREVIEW_BYTES = 500;

export type TestEventResult =
  | { ok: true; status: number; body: string; truncated: boolean; durationMs: number }
  | { ok: false; reason: "private_address" | "protocol" | "invalid_url" | "timeout" | "network"; detail: string };

/**
 * Sends a sample event (`"event": "test"`), signed like real deliveries, and
 * reports the endpoint's answer: any status counts as an answer, so the admin
 * sees a 404 or a 500 as the receiver gave it.
 */
export async function sendTestEvent(db: Db, workspaceId: string, input: z.output<typeof testEventInput>, now: Date = new Date()): Promise<TestEventResult> {
  const secret = input.secret || (await getSettings(db, workspaceId, webhookForwardingSection)).secret;
  const started = performance.now();
  try {
    const answer = await sendEvent({
      url: input.url,
      method: input.method,
      event: await sampleEvent(db, workspaceId, now),
      id: `test_${randomUUID()}`,
      secret,
      now,
    });
    const preview = answer.body.subarray(0, PREVIEW_BYTES);
    return {
      ok: true,
      status: answer.status,
      body: new TextDecoder().decode(preview),
      truncated: answer.body.byteLength > PREVIEW_BYTES || answer.truncated,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (error instanceof RefusedTarget) return { ok: false, reason: error.reason, detail: error.message };
    if (error instanceof DeliveryError) return { ok: false, reason: error.kind, detail: error.message };
    throw error;
  }
}
