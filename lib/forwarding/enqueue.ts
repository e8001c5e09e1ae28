import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { getSettings } from "@/lib/settings/stored-section";
import { forwardMessageKind } from "./job-kind";
import { webhookForwardingSection } from "./settings";

/**
 * Forwards a message stored outside the inbound statement (a rule bot's
 * reply): its delivery record and job, in the caller's transaction, so the
 * message exists exactly when its forwarding does. Returns whether forwarding is on.
 */
export async function enqueueForwarding(tx: Db, workspaceId: string, messageId: string, now: Date): Promise<boolean> {
  const forwarding = await getSettings(tx, workspaceId, webhookForwardingSection);
  if (!forwarding.enabled || !forwarding.url) return false;
  const [delivery] = await tx
    .insert(webhookDeliveries)
    .values({ workspaceId, messageId, status: "pending", nextAttemptAt: now, createdAt: now, updatedAt: now })
    .returning({ id: webhookDeliveries.id });
  await enqueueJob(tx, { workspaceId, kind: forwardMessageKind, payload: { deliveryId: delivery!.id }, runAt: now });
  return true;
}
