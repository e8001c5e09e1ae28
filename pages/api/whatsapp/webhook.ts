import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { waitUntil } from "@vercel/functions";
import { getDb } from "@/lib/db/client";
import { BodyTooLarge } from "@/lib/http/read-body";
import { readNodeBodyLimited } from "@/lib/http/read-node-body";
import { answerDelivery, answerSubscription, MAX_WEBHOOK_BODY_BYTES, type WebhookAnswer } from "@/lib/inbox/webhook-endpoint";

/**
 * The WhatsApp webhook is a Pages Router API route, the one route outside
 * app/: it takes Node's request and response as they are, where an App
 * Router handler first wraps them in web streams. That halves the framework's
 * CPU per request, and this route takes every message a business receives
 * (docs/decisions/0001-webhook-pages-api-route.md). It reads the raw bytes
 * itself, for the signature.
 */
export const config = { api: { bodyParser: false } };

export default async function whatsappWebhook(request: IncomingMessage, response: ServerResponse) {
  let answer: WebhookAnswer;
  try {
    answer = await answerRequest(request);
  } catch (error) {
    const requestId = randomUUID();
    console.error(`[route whatsapp-webhook] request=${requestId}`, error);
    answer = { status: 500, json: { error: "internal", requestId } };
  }
  send(response, answer);
  // After the answer is sent; on Vercel waitUntil keeps the function alive until the work ends.
  if (answer.afterResponse) waitUntil(answer.afterResponse());
}

async function answerRequest(request: IncomingMessage): Promise<WebhookAnswer> {
  if (request.method === "GET") return answerSubscription(new URL(request.url ?? "/", "http://localhost").searchParams);
  if (request.method !== "POST") return { status: 405, json: { error: "method_not_allowed" } };
  let raw: Buffer;
  try {
    raw = await readNodeBodyLimited(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return { status: 413, json: { error: "payload_too_large" } };
    throw error;
  }
  const signature = request.headers["x-hub-signature-256"];
  return answerDelivery(getDb(), raw, typeof signature === "string" ? signature : null);
}

function send(response: ServerResponse, answer: WebhookAnswer) {
  if (answer.status === 405) response.setHeader("allow", "GET, POST");
  // The rest of a refused body stays unread, so this connection cannot carry another request.
  if (answer.status === 413) response.setHeader("connection", "close");
  if (answer.json) {
    response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.json));
  } else if (answer.text !== undefined) {
    response.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.text);
  } else {
    response.writeHead(answer.status).end();
  }
}
