/**
 * Template statuses as Meta names them, lower-cased as we store them. Only an
 * approved template can be sent; the others are shown with their status in words
 * (messages: templates.status.<status>, `other` for a status Meta adds later).
 */
export const KNOWN_TEMPLATE_STATUSES = [
  "approved",
  "pending",
  "rejected",
  "paused",
  "disabled",
  "in_appeal",
  "pending_deletion",
  "deleted",
  "archived",
  "limit_exceeded",
] as const;

export type KnownTemplateStatus = (typeof KNOWN_TEMPLATE_STATUSES)[number];

export function isKnownTemplateStatus(status: string): status is KnownTemplateStatus {
  return (KNOWN_TEMPLATE_STATUSES as readonly string[]).includes(status);
}

export function isSendable(status: string): boolean {
  return status === "approved";
}

export const KNOWN_TEMPLATE_CATEGORIES = ["marketing", "utility", "authentication"] as const;

export function isKnownTemplateCategory(category: string): category is (typeof KNOWN_TEMPLATE_CATEGORIES)[number] {
  return (KNOWN_TEMPLATE_CATEGORIES as readonly string[]).includes(category);
}

/**
 * The status a `message_template_status_update` event leaves the template in.
 * Events that are not a status (FLAGGED, LOCKED, UNLOCKED, …) change nothing
 * here: the full sync the webhook also starts reads the truth from Meta.
 */
export function statusOfEvent(event: string): KnownTemplateStatus | null {
  const upper = event.toUpperCase();
  // A paused template Meta puts back in service.
  if (upper === "REINSTATED") return "approved";
  const lower = upper.toLowerCase();
  return isKnownTemplateStatus(lower) ? lower : null;
}
