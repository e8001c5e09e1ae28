/**
 * Why a dead letter was kept: `invalid_envelope` (no from, id or type),
 * `wamid_too_long`, `from_too_long`, `payload_too_deep` (the message was ALSO
 * stored, with the deep part cut), `invalid_value` (our own value handling
 * threw), and `database:<sqlstate>` (Postgres refused the values). Shared by
 * the server and the dead letters screen, so free of database imports.
 */
export const DEAD_LETTER_REASONS = ["invalid_envelope", "wamid_too_long", "from_too_long", "payload_too_deep", "invalid_value", "database"] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
