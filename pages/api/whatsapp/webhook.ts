import type { IncomingMessage, ServerResponse } from "node:http";
import { waitUntil } from "@vercel/functions";
import { getDb } from "@/lib/db/client";
import { BodyTooLarge, readNodeBodyLimited } from "@/lib/http/read-body";
import { internalError } from "@/lib/http/route";
import { answerDelivery, answerSubscription, MAX_WEBHOOK_BODY_BYTES, type WebhookAnswer } from "@/lib/composition/webhook-endpoint";

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
    answer = { status: 500, json: internalError("whatsapp-webhook", error) };
  }
  send(response, answer);
  // After the answer is sent; on Vercel waitUntil keeps the function alive until the work ends.
  if (answer.afterResponse) waitUntil(answer.afterResponse());
}

async function answerRequest(request: IncomingMessage): Promise<WebhookAnswer> {
  if (request.method === "GET") return answerSubscription(new URL(request.url ?? "/", "http://localhost").searchParams);
  if (request.method !== "POST") return { status: 405, headers: { allow: "GET, POST" }, json: { error: "method_not_allowed" } };
  let raw: Buffer;
  try {
    raw = await readNodeBodyLimited(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    // The rest of a refused body stays unread, so this connection cannot carry another request.
    if (error instanceof BodyTooLarge) return { status: 413, headers: { connection: "close" }, json: { error: "payload_too_large" } };
    throw error;
  }
  const signature = request.headers["x-hub-signature-256"];
  return answerDelivery(getDb(), raw, typeof signature === "string" ? signature : null);
}

function send(response: ServerResponse, { status, headers = {}, json, text }: WebhookAnswer) {
  if (json) response.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(json));
  else if (text !== undefined) response.writeHead(status, { ...headers, "content-type": "text/plain" }).end(text);
  else response.writeHead(status, headers).end();
}
