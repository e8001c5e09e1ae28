import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { databaseAnswers } from "@/lib/db/health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Public on purpose: load balancers and uptime monitors call it. It says only whether the database answers. */
export const GET = route("health", async () => {
  const ok = await databaseAnswers(getDb());
  return NextResponse.json({ ok }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
