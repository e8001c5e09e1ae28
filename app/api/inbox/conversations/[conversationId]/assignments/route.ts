import { NextResponse } from "next/server";
import { listAssignmentHistory, type AssignmentHistoryEntry } from "@/lib/assignment/manual";
import { getDb } from "@/lib/db/client";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: the chat's assignment changes, newest first. */
export type AssignmentsResponse = AssignmentHistoryEntry[];

type Context = { params: Promise<{ conversationId: string }> };

/** GET /api/inbox/conversations/:id/assignments → AssignmentHistoryEntry[], newest first; 404 when the member may not see it. */
export const GET = route("inbox.assignments", async (_request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId } = await params;
  const history = await listAssignmentHistory(getDb(), member, conversationId);
  return NextResponse.json<AssignmentsResponse>(history, { headers: { "cache-control": "no-store" } });
});
