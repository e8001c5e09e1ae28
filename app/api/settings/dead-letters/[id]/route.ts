import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { getDeadLetterRaw } from "@/lib/inbox/dead-letters";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/settings/dead-letters/:id → the whole JSON of a message that was not stored, as a download (admins). */
export const GET = route("settings.deadLetter", async (_request: Request, { params }: Context) => {
  const member = await requireRouteMember("settings:view");
  const { id } = await params;
  const raw = await getDeadLetterRaw(getDb(), member.workspaceId, id);
  if (raw === null) throw new AppError("not_found:dead_letter");
  return new Response(raw, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="dead-letter-${id}.json"`,
      "cache-control": "no-store",
      // The JSON is what a webhook sender wrote: never let a browser render or sniff it as a page.
      "x-content-type-options": "nosniff",
    },
  });
});
