import { NextResponse } from "next/server";
import { streamCompose, composeInputSchema } from "@/lib/ai/compose";
import { AI_ACTIONS } from "@/lib/ai/models";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { BodyTooLarge, readBodyLimited } from "@/lib/http/read-body";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { serverTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ action: string }> };

/** A draft is at most 4,096 characters; the rest of the body is a few ids. */
const MAX_BODY = 64 * 1024;

/**
 * POST /api/ai/<action> (translate, tone, grammar, simplify, smart-reply,
 * custom-prompt) with `{ conversationId, text, language?, tone?, promptId? }`:
 * streams the AI's suggestion as plain text for the composer's preview. It
 * only suggests: nothing is sent to the customer from here. Members need
 * `ai:use` and must be able to see the conversation (404 otherwise).
 * Failures answer JSON `{ error: <code>, message: <words in the member's language> }`
 * so the composer can show them as they are.
 */
export const POST = route("ai.compose", async (request: Request, { params }: Context) => {
  const member = await requireRouteMember("ai:use");
  const { action } = await params;
  if (!(AI_ACTIONS as readonly string[]).includes(action)) throw new AppError("not_found:ai_action");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyLimited(request, MAX_BODY)));
  } catch (error) {
    if (error instanceof BodyTooLarge) return NextResponse.json({ error: "bad_request:too_large" }, { status: 413 });
    throw new AppError("bad_request:json");
  }
  const input = composeInputSchema.parse({ ...(typeof body === "object" && body !== null ? body : {}), action });
  try {
    const stream = await streamCompose(getDb(), member, input, { signal: request.signal });
    return new Response(stream, {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const t = await serverTranslator();
    return NextResponse.json({ error: error.code, message: t(`errors.${error.messageKey ?? error.type}`, error.values) }, { status: error.status });
  }
});
