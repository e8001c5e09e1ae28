import { NextResponse } from "next/server";
import { storeAgentTemplateReply } from "@/lib/composition/agent-template";
import { getDb } from "@/lib/db/client";
import { AppError, FieldErrors } from "@/lib/errors";
import { BodyTooLarge, readBodyLimited } from "@/lib/http/read-body";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { deliver } from "@/lib/inbox/outbound";
import type { ChatMessage } from "@/lib/inbox/types";
import { publish } from "@/lib/realtime/publish";
import { sendTemplateSchema } from "@/lib/templates/send";

export const dynamic = "force-dynamic";

/** A template's values are at most a few kilobytes. */
const MAX_BODY = 64 * 1024;

type Context = { params: Promise<{ conversationId: string }> };

/**
 * POST /api/inbox/conversations/:id/template-messages with `{ templateId, params, headerMedia? }`:
 * the composer's action for other clients (integrations, scripts). Sends an
 * approved template as the signed-in member, window open or not, and answers
 * the stored ChatMessage (status "failed" with Meta's code when WhatsApp
 * refused). 404 for a chat the member may not see or another workspace's
 * template; 400 with the fields for values Meta would refuse.
 */
export const POST = route("inbox.templateMessages", async (request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId } = await params;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyLimited(request, MAX_BODY)));
  } catch (error) {
    if (error instanceof BodyTooLarge) return NextResponse.json({ error: "bad_request:too_large" }, { status: 413 });
    throw new AppError("bad_request:json");
  }
  const input = sendTemplateSchema.parse(body);
  const db = getDb();
  try {
    const stored = await storeAgentTemplateReply(db, member, { ...input, conversationId });
    await publish(stored.events);
    const sent = await deliver(db, stored.delivery);
    await publish(sent.events);
    return NextResponse.json<ChatMessage>(sent.message, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof FieldErrors) return NextResponse.json({ error: "bad_request:fields", fields: Object.keys(error.fields) }, { status: 400 });
    throw error;
  }
});
