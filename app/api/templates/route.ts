import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { listTemplates, type TemplateListItem } from "@/lib/templates/queries";

export const dynamic = "force-dynamic";

/** What the browser reads: every template of the workspace, each with its status (the picker disables the unapproved). */
export type TemplatesResponse = { items: TemplateListItem[] };

/** GET /api/templates → the workspace's templates, for the composer's picker (any member who uses the inbox). */
export const GET = route("templates.list", async () => {
  const member = await requireRouteMember("inbox:use");
  const items = await listTemplates(getDb(), member.workspaceId);
  return NextResponse.json<TemplatesResponse>({ items }, { headers: { "cache-control": "no-store" } });
});
