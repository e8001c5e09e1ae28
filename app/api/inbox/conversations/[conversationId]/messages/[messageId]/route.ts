import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { getConversationMessage } from "@/lib/inbox/queries";
import type { ChatMessage } from "@/lib/inbox/types";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: one message as the chat shows it. */
export type MessageResponse = ChatMessage;

type Context = { params: Promise<{ conversationId: string; messageId: string }> };

/**
 * GET /api/inbox/conversations/:id/messages/:messageId → one ChatMessage, for
 * the open chat to add or update the message a real-time event names; 404
 * when the member may not see the conversation or the message is not in it.
 */
export const GET = route("inbox.message", async (_request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId, messageId } = await params;
  const message = await getConversationMessage(getDb(), member, conversationId, messageId);
  return NextResponse.json<MessageResponse>(message, { headers: { "cache-control": "no-store" } });
});
