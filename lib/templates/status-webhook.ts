import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { messageTemplates, whatsappChannels } from "@/lib/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { statusOfEvent } from "./statuses";
import { SYNC_TEMPLATES_DEDUPE_KEY, syncTemplatesKind } from "./sync-job";

/**
 * Meta's `message_template_status_update` webhook: `entry.id` is the WhatsApp
 * Business Account, `changes[].value` names the template and the event
 * (APPROVED, REJECTED, PAUSED, DISABLED, …) with a reason.
 */
export const TEMPLATE_STATUS_FIELD = "message_template_status_update";

const valueSchema = z.looseObject({
  event: z.string().min(1).max(64),
  message_template_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(64)),
  message_template_name: z.string().max(512).optional(),
  message_template_language: z.string().max(32).optional(),
  reason: z.string().max(2000).nullish(),
});

const bodySchema = z.looseObject({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String).optional(), changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).default([]) })),
});

export type TemplateStatusChange = {
  wabaId: string;
  templateId: string;
  event: string;
  name?: string;
  language?: string;
  reason: string | null;
};

/** The template status changes of a webhook body; anything unreadable is skipped with its reason. */
export function parseTemplateStatusChanges(body: unknown): { changes: TemplateStatusChange[]; skipped: string[] } {
  const envelope = bodySchema.safeParse(body);
  if (!envelope.success) return { changes: [], skipped: [] };
  const changes: TemplateStatusChange[] = [];
  const skipped: string[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== TEMPLATE_STATUS_FIELD) continue;
      const value = valueSchema.safeParse(change.value);
      if (!entry.id || !value.success) {
        skipped.push(`${TEMPLATE_STATUS_FIELD} without entry.id, event or message_template_id`);
        continue;
      }
      const reason = value.data.reason && value.data.reason.toUpperCase() !== "NONE" ? value.data.reason : null;
      changes.push({
        wabaId: entry.id,
        templateId: value.data.message_template_id,
        event: value.data.event,
        name: value.data.message_template_name,
        language: value.data.message_template_language,
        reason,
      });
    }
  }
  return { changes, skipped };
}

/**
 * Applies one change to every workspace connected to that account: the
 * template's status at once (so the picker stops offering a paused template
 * now), and a full sync enqueued, which also brings in a template we did not
 * know yet. An account no workspace has is ignored.
 */
export async function applyTemplateStatusChange(db: Db, change: TemplateStatusChange, now: Date = new Date()): Promise<{ workspaces: number; jobsEnqueued: number }> {
  const channels = await db.select({ workspaceId: whatsappChannels.workspaceId }).from(whatsappChannels).where(eq(whatsappChannels.wabaId, change.wabaId));
  let jobsEnqueued = 0;
  const status = statusOfEvent(change.event);
  for (const { workspaceId } of channels) {
    await db.transaction(async (tx) => {
      if (status) {
        await tx
          .update(messageTemplates)
          .set({ status, statusReason: change.reason, updatedAt: now })
          .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.metaId, change.templateId)));
      }
      const job = await enqueueJob(tx, { workspaceId, kind: syncTemplatesKind, payload: {}, dedupeKey: SYNC_TEMPLATES_DEDUPE_KEY });
      // A sync already waiting covers this change too; the caller still drains due jobs.
      jobsEnqueued += job ? 1 : 0;
    });
  }
  return { workspaces: channels.length, jobsEnqueued };
}
