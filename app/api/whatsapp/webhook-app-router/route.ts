import { after } from "next/server";
import { getDb } from "@/lib/db/client";
import { BodyTooLarge, readBodyLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { answerDelivery, answerSubscription, MAX_WEBHOOK_BODY_BYTES, type WebhookAnswer } from "@/lib/composition/webhook-endpoint";

export const dynamic = "force-dynamic";

/**
 * The WhatsApp webhook as an App Router route handler: the same endpoint as
 * pages/api/whatsapp/webhook.ts, which Meta is pointed at because this one
 * costs the framework more CPU per request. `npm run bench -- ingest`
 * measures both side by side on every upgrade; should this one become as
 * cheap, Meta's callback URL can be pointed here and the Pages route removed
 * (docs/decisions/0001-webhook-pages-api-route.md). It works in production
 * as it is, so that figure is the cost of a real alternative.
 */
export const GET = route("whatsapp-webhook", async (request) => respond(answerSubscription(new URL(request.url).searchParams)));

export const POST = route("whatsapp-webhook", async (request) => {
  let raw: Uint8Array;
  try {
    raw = await readBodyLimited(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    // The rest of a refused body stays unread, so this connection cannot carry another request.
    if (error instanceof BodyTooLarge) return respond({ status: 413, headers: { connection: "close" }, json: { error: "payload_too_large" } });
    throw error;
  }
  const answer = await answerDelivery(getDb(), raw, request.headers.get("x-hub-signature-256"));
  if (answer.afterResponse) after(answer.afterResponse);
  return respond(answer);
});

function respond({ status, headers = {}, json, text }: WebhookAnswer): Response {
  if (json) return Response.json(json, { status, headers });
  if (text !== undefined) return new Response(text, { status, headers: { ...headers, "content-type": "text/plain" } });
  // Meta reads only the status; without a body Next.js pipes no response stream.
  return new Response(null, { status, headers });
}
