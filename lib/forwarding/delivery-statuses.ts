import type { DeliveryStatus } from "@/lib/db/schema";

/** Shared by the server and the deliveries screen, so free of database imports (tests/unit/layers.test.ts). */
export const DELIVERY_STATUSES = ["pending", "delivered", "retrying", "failed"] as const satisfies readonly DeliveryStatus[];

// A status added to the enum and not here would be missing from the screen's filter: this line stops compiling.
const _everyStatus: Exclude<DeliveryStatus, (typeof DELIVERY_STATUSES)[number]> extends never ? true : never = true;

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === "string" && (DELIVERY_STATUSES as readonly string[]).includes(value);
}
