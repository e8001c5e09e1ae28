import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { drainDueJobs, drainWhenDue } from "@/lib/composition/drain-jobs";
import { publish } from "@/lib/realtime/publish";
import { mayNeedSanitizing } from "@/lib/whatsapp/sanitize";
import { isValidSignature } from "@/lib/whatsapp/signature";
import type { InboundOutcome } from "@/lib/inbox/inbound-outcome";
import { handleWebhookBody } from "./webhook-body";

/** Meta never sends more than 3 MB in one webhook request. */
export const MAX_WEBHOOK_BODY_BYTES = 3 * 1024 * 1024;

/** What the webhook endpoint answers, and the work that runs once the answer is sent. */
export type WebhookAnswer = {
  status: number;
  headers?: Record<string, string>;
  json?: Record<string, unknown>;
  text?: string;
  afterResponse?: () => Promise<void>;
};

/** Meta's subscription handshake: echo the challenge when the verify token matches. */
export function answerSubscription(params: URLSearchParams): WebhookAnswer {
  const ok = params.get("hub.mode") === "subscribe" && params.get("hub.verify_token") === env().WHATSAPP_VERIFY_TOKEN;
  return ok ? { status: 200, text: params.get("hub.challenge") ?? "" } : { status: 403, text: "Forbidden" };
}

/**
 * A delivery's raw bytes (read within MAX_WEBHOOK_BODY_BYTES): only the
 * storing transaction runs before the answer, because Meta expects a median
 * under 250 ms and redelivers anything that did not get a 200. Real-time
 * events and the jobs the messages enqueued (forwarding, replies) run after
 * it. Success is a bare 200: Meta reads only the status.
 */
export async function answerDelivery(db: Db, raw: Uint8Array, signature: string | null): Promise<WebhookAnswer> {
  if (!isValidSignature(raw, signature, env().WHATSAPP_APP_SECRET)) return { status: 401, json: { error: "invalid_signature" } };
  const text = new TextDecoder().decode(raw);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: 400, json: { error: "invalid_json" } };
  }
  const log = (message: string, details?: unknown) => console.warn(`[whatsapp-webhook] ${message}`, details ?? "");
  // A signed, readable delivery is answered 200 once everything storable in it is stored (dead letters
  // included); only a failure a retry could mend propagates, as a 5xx Meta redelivers.
  const outcome = await handleWebhookBody(db, body, log, { sanitize: mayNeedSanitizing(text) });
  return { status: 200, afterResponse: workAfterAnswer(outcome) };
}

function workAfterAnswer(outcome: InboundOutcome): (() => Promise<void>) | undefined {
  const tasks: (() => Promise<unknown>)[] = [];
  if (outcome.events.length) tasks.push(() => publish(outcome.events));
  if (outcome.jobsEnqueued) tasks.push(() => drainDueJobs());
  const { wakeAt } = outcome;
  if (wakeAt && wakeAt.getTime() > Date.now()) tasks.push(() => drainWhenDue(wakeAt));
  if (tasks.length === 0) return undefined;
  return async () => {
    await Promise.all(tasks.map((task) => task()));
  };
}
