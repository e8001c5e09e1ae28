import { NextResponse } from "next/server";
import { listAssignableMembers, type AssignableMember } from "@/lib/assignment/manual";
import { getDb } from "@/lib/db/client";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What the browser reads: the members a chat may be handed to. */
export type MembersResponse = AssignableMember[];

/** GET /api/inbox/members → AssignableMember[]: the workspace's active members, for the assignee picker. */
export const GET = route("inbox.members", async () => {
  const member = await requireRouteMember("inbox:use");
  const members = await listAssignableMembers(getDb(), member);
  return NextResponse.json<MembersResponse>(members, { headers: { "cache-control": "no-store" } });
});
