import { after, NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { BodyTooLarge, readBodyLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { handleWebhookBody } from "@/lib/inbox/webhook";
import { drainDueJobs, drainWhenDue } from "@/lib/jobs/drain";
import { publish } from "@/lib/realtime/publish";
import { isValidSignature } from "@/lib/whatsapp/signature";

export const dynamic = "force-dynamic";

/** Meta never sends more than 3 MB in one webhook request. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Meta's subscription handshake: echo the challenge when the verify token matches. */
export const GET = route("whatsapp-webhook-verify", async (request) => {
  const params = new URL(request.url).searchParams;
  const ok = params.get("hub.mode") === "subscribe" && params.get("hub.verify_token") === env().WHATSAPP_VERIFY_TOKEN;
  if (!ok) return new NextResponse("Forbidden", { status: 403 });
  return new NextResponse(params.get("hub.challenge") ?? "", { status: 200, headers: { "content-type": "text/plain" } });
});

/**
 * Only the storing transaction runs before the answer (Meta expects a median
 * under 250 ms and redelivers anything that did not get a 200); real-time
 * events and the jobs the messages enqueued (forwarding, replies) run after
 * the response. Success is a bare 200: nobody reads the body.
 */
export const POST = route("whatsapp-webhook", async (request) => {
  let raw: Uint8Array;
  try {
    raw = await readBodyLimited(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return NextResponse.json({ error: "payload_too_large" }, { status: 413 });
    throw error;
  }
  if (!isValidSignature(raw, request.headers.get("x-hub-signature-256"), env().WHATSAPP_APP_SECRET)) {
    return NextResponse.json({ error: "invalid_signature" }, { status: 401 });
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return NextResponse.json({ error: "invalid_json" }, { status: 400 });
  }
  const outcome = await handleWebhookBody(getDb(), body, (message, details) => console.warn(`[whatsapp-webhook] ${message}`, details ?? ""));
  if (outcome.events.length) after(() => publish(outcome.events));
  if (outcome.jobsEnqueued) after(() => drainDueJobs());
  const { nextReplyAt } = outcome;
  if (nextReplyAt && nextReplyAt.getTime() > Date.now()) after(() => drainWhenDue(nextReplyAt));
  // Meta reads only the status. Without a body Next.js pipes no response
  // stream: a few tenths of a millisecond of CPU per request (npm run bench).
  return new Response(null, { status: 200 });
});
