import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { listComposerQuickReplies } from "@/lib/quick-replies/queries";
import type { ComposerQuickReply } from "@/lib/quick-replies/types";

export const dynamic = "force-dynamic";

export type QuickRepliesResponse = { items: ComposerQuickReply[] };

type Context = { params: Promise<{ conversationId: string }> };

/**
 * GET /api/inbox/conversations/:id/quick-replies → the replies the member may use, filled for this chat.
 * The composer asks on the first "/" typed; 404 when the member may not see the chat.
 */
export const GET = route("inbox.quick-replies", async (_request: Request, { params }: Context) => {
  const member = await requireRouteMember("quick_replies:use");
  const { conversationId } = await params;
  const items = await listComposerQuickReplies(getDb(), member, conversationId);
  return NextResponse.json<QuickRepliesResponse>({ items }, { headers: { "cache-control": "no-store" } });
});
