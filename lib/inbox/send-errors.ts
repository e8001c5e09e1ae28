import type { MessageError } from "@/lib/db/schema";

/**
 * Why a send failed when Meta gave no code: the network, a timeout, or something of ours. (Our own
 * closed-window check refuses before anything is stored, with the translated `errors.window_closed`.)
 */
export type SendFailureReason = NonNullable<MessageError["reason"]>;

/**
 * Why an outbound message failed, in words the chat can translate. The row
 * keeps Meta's numeric `code` (or our own `reason` when Meta gave none); the
 * sentence is chosen at display, in the reader's language
 * (`inbox.message.failedReasons.<key>`).
 */
export type SendFailureKey =
  | "windowClosed"
  | "undeliverable"
  | "rateLimited"
  | "unsupportedType"
  | "templateParams"
  | "templateMissing"
  | "templateTooLong"
  | "templatePolicy"
  | "templatePaused"
  | "templateDisabled"
  | "flowBlocked"
  | "flowThrottled"
  | "tokenExpired"
  | "invalidParameter"
  | "mediaRefused"
  | "network"
  | "timeout"
  | "unexpected"
  | "metaCode"
  | "interrupted"
  | "unknown";

/** Meta's error codes the chat explains (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). */
const META_CODES: Record<number, SendFailureKey> = {
  131047: "windowClosed", // Re-engagement message: more than 24 hours since the customer last wrote
  131026: "undeliverable", // Message undeliverable: not on WhatsApp, or an old app / terms not accepted
  130429: "rateLimited", // Rate limit hit: the number's throughput
  131056: "rateLimited", // Pair rate limit: too many messages to this customer in a short time
  131051: "unsupportedType", // Unsupported message type
  132000: "templateParams", // Template: number of parameters does not match
  132012: "templateParams", // Template: parameter format does not match
  132018: "templateParams", // Template: a parameter has a line break, a tab or more than 4 spaces in a row
  132001: "templateMissing", // Template does not exist in that language, or is not approved
  132005: "templateTooLong", // Template: the text is too long once the parameters are in
  132007: "templatePolicy", // Template: its content breaks a WhatsApp policy
  132015: "templatePaused", // Template paused for low quality
  132016: "templateDisabled", // Template disabled: paused too many times
  132068: "flowBlocked", // Template's flow is blocked
  132069: "flowThrottled", // Template's flow is throttled
  190: "tokenExpired", // Access token expired or revoked
  100: "invalidParameter", // Invalid parameter
  131053: "mediaRefused", // Media upload error: WhatsApp could not take the file (type, size or content)
};

const REASONS: Record<SendFailureReason, SendFailureKey> = {
  network: "network",
  timeout: "timeout",
  unexpected: "unexpected",
};

/** The English sentences stored before errors were stored as codes, read back as the reasons they meant. */
const LEGACY_TITLES: Record<string, SendFailureKey> = {
  "WhatsApp did not answer in time": "timeout",
  "Could not reach WhatsApp": "network",
  "Unexpected error while sending": "unexpected",
};

/**
 * A bot's reply whose send was cut off (the server stopped or crashed while WhatsApp was being
 * called): WhatsApp may or may not have it, so it is not sent again by itself; an agent may retry.
 */
export const INTERRUPTED_SEND: MessageError = { title: "interrupted" };

export type SendFailure =
  | { key: SendFailureKey; values?: { code: number } }
  /** A row from before codes whose words we cannot map: shown as it was stored, better than nothing. */
  | { key: null; text: string };

export function sendFailure(error: MessageError | null | undefined): SendFailure {
  if (error?.reason && error.reason in REASONS) return { key: REASONS[error.reason] };
  if (typeof error?.code === "number") {
    const known = META_CODES[error.code];
    return known ? { key: known } : { key: "metaCode", values: { code: error.code } };
  }
  if (error?.title === INTERRUPTED_SEND.title && error?.code === undefined) return { key: "interrupted" };
  const legacy = error?.title ? LEGACY_TITLES[error.title] : undefined;
  if (legacy) return { key: legacy };
  const stored = error?.details ?? error?.title;
  return stored ? { key: null, text: stored } : { key: "unknown" };
}
