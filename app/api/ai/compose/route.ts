import { createUIMessageStreamResponse } from "ai";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { streamCompose, composeInputSchema } from "@/lib/ai/compose";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { BodyTooLarge, readBodyLimited } from "@/lib/http/read-body";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { serverTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** A draft is at most 4,096 characters; the rest of the body is a few ids. */
const MAX_BODY = 64 * 1024;

/** The JSON body, `prompt` (what useCompletion names the draft) read as the draft `text`. */
async function readInput(request: Request) {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyLimited(request, MAX_BODY)));
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    throw new AppError("bad_request:json");
  }
  const { prompt, ...fields } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  return composeInputSchema.parse({ ...fields, text: prompt });
}

/**
 * POST /api/ai/compose with `{ action, conversationId, prompt, language?, tone?, promptId? }`
 * (`action`: translate, tone, grammar, simplify, smart-reply or custom-prompt;
 * `prompt`: the draft), as the AI SDK's `useCompletion` sends it: streams the
 * AI's suggestion as a UI message stream for the composer's preview. It only
 * suggests: nothing is sent to the customer from here. Members need `ai:use`
 * and must be able to see the conversation (404 otherwise). Every refusal
 * before the stream answers JSON `{ error: <code>, message: <words in the
 * member's language> }` so the composer can show it as it is; a failure
 * mid-answer arrives as the stream's error, in words too.
 */
export const POST = route("ai.compose", async (request: Request) => {
  const t = await serverTranslator();
  const describe = (error: AppError) => t(`errors.${error.messageKey ?? error.type}`, error.values);
  try {
    const member = await requireRouteMember("ai:use");
    const input = await readInput(request);
    const stream = await streamCompose(getDb(), member, input, { signal: request.signal, describe });
    return createUIMessageStreamResponse({ stream, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return NextResponse.json({ error: "bad_request:too_large", message: t("validation.ai_draft_too_long") }, { status: 413 });
    }
    if (error instanceof ZodError) {
      const key = error.issues.map((issue) => issue.message).find((message) => message.startsWith("validation."));
      const fields = error.issues.map((issue) => issue.path.join("."));
      return NextResponse.json({ error: "bad_request:input", fields, message: key ? t(key) : t("errors.bad_request") }, { status: 400 });
    }
    if (!(error instanceof AppError)) throw error;
    return NextResponse.json({ error: error.code, message: describe(error) }, { status: error.status });
  }
});
