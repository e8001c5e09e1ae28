import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listMessages } from "@/lib/inbox/queries";
import type { MessagePage } from "@/lib/inbox/types";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: one page of messages, newest first. */
export type MessagesResponse = MessagePage;

type Context = { params: Promise<{ conversationId: string }> };

const querySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** GET /api/inbox/conversations/:id/messages?cursor=&limit= → MessagePage, newest first. */
export const GET = route("inbox.messages", async (request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId } = await params;
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listMessages(getDb(), member, conversationId, { cursor: query.cursor || undefined, limit: query.limit });
  return NextResponse.json<MessagesResponse>(result, { headers: { "cache-control": "no-store" } });
});
