import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { getConversationDetail } from "@/lib/inbox/queries";
import type { ConversationDetail } from "@/lib/inbox/types";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: the chat header's data, which carries the list item's fields too. */
export type ConversationResponse = ConversationDetail;

type Context = { params: Promise<{ conversationId: string }> };

/** GET /api/inbox/conversations/:id → ConversationDetail; 404 when the member may not see it. */
export const GET = route("inbox.conversation", async (_request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId } = await params;
  const detail = await getConversationDetail(getDb(), member, conversationId);
  return NextResponse.json<ConversationResponse>(detail, { headers: { "cache-control": "no-store" } });
});
