import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listConversations } from "@/lib/inbox/queries";
import type { ConversationPage } from "@/lib/inbox/types";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: one page of the conversation list, newest first. */
export type ConversationsResponse = ConversationPage;

const querySchema = z.object({
  scope: z.enum(["all", "mine", "unassigned"]).default("all"),
  status: z.enum(["open", "resolved", "all"]).default("open"),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** GET /api/inbox/conversations?scope=all|mine|unassigned&status=open|resolved|all&q=&cursor=&limit= → ConversationPage */
export const GET = route("inbox.conversations", async (request: Request) => {
  const member = await requireRouteMember("inbox:use");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listConversations(getDb(), {
    workspaceId: member.workspaceId,
    viewerUserId: member.userId,
    viewerRole: member.role,
    filter: { scope: query.scope, status: query.status, search: query.q || undefined, cursor: query.cursor || undefined, limit: query.limit },
  });
  return NextResponse.json<ConversationsResponse>(result, { headers: { "cache-control": "no-store" } });
});
