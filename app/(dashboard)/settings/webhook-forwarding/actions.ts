"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { retryDelivery } from "@/lib/forwarding/deliveries";
import { sendTestEvent, testEventInput } from "@/lib/forwarding/test-event";
import { drainDueJobs } from "@/lib/composition/drain-jobs";

/** "Send test event": a sample event to the URL the form shows; the endpoint's answer comes back to show in place. */
export const sendTestEventAction = action(
  { name: "sendForwardingTestEvent", permission: "settings:manage", input: testEventInput },
  async ({ db, member }, input) => sendTestEvent(db, member.workspaceId, input),
);

/** "Retry now" on a failed delivery; the new attempt runs right after the answer. */
export const retryDeliveryAction = action(
  { name: "retryForwardingDelivery", permission: "settings:manage", input: z.object({ deliveryId: z.string().max(100) }) },
  async ({ db, member }, { deliveryId }) => {
    await retryDelivery(db, member.workspaceId, deliveryId);
    after(() => drainDueJobs());
    revalidatePath("/settings/webhook-forwarding/deliveries");
  },
);
