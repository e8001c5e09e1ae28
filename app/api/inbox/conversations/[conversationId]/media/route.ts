import { NextResponse } from "next/server";
import { MediaUploadFailed, uploadAgentMedia } from "@/lib/composition/agent-media";
import { getDb } from "@/lib/db/client";
import type { MessageError } from "@/lib/db/schema";
import { MediaRefused } from "@/lib/inbox/outbound-media";
import { deliver, errorOf } from "@/lib/inbox/outbound";
import type { ChatMessage } from "@/lib/inbox/types";
import { announcedSize, headerText } from "@/lib/http/header-text";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { publish } from "@/lib/realtime/publish";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ conversationId: string }> };

/** What the browser reads: the stored message (sent, or failed with its error and a Retry). */
export type SendMediaResponse = ChatMessage;
/** A refusal before Meta: words from `files.refusals.<reason>`; a Meta failure during the upload: `failure` as a message row keeps it. */
export type SendMediaError = { error: string; reason?: string; values?: Record<string, string | number>; failure?: MessageError };

/**
 * POST /api/inbox/conversations/:id/media: the body is the file itself, raw
 * (Content-Type its MIME type, Content-Length its exact size), with its name
 * in X-File-Name and the caption in X-Caption (both URI-encoded). The body is
 * streamed on to Meta's media endpoint as it arrives, never written to disk
 * nor held whole; then the message is stored, published and sent by its media id.
 */
export const POST = route("inbox.media", async (request: Request, { params }: Context) => {
  const member = await requireRouteMember("inbox:use");
  const { conversationId } = await params;
  const db = getDb();
  const size = announcedSize(request);
  try {
    // A chunked body has no size to check against Meta's limit before the upload starts.
    if (!Number.isSafeInteger(size) || !request.body) throw new MediaRefused("missingSize", 411);
    const stored = await uploadAgentMedia(db, member, {
      conversationId,
      type: request.headers.get("content-type") ?? "",
      size,
      name: headerText(request, "x-file-name") ?? "",
      caption: headerText(request, "x-caption"),
      body: request.body,
      signal: request.signal,
    });
    await publish(stored.events);
    const sent = await deliver(db, stored.delivery);
    await publish(sent.events);
    return NextResponse.json<SendMediaResponse>(sent.message, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof MediaRefused) {
      return NextResponse.json<SendMediaError>({ error: "bad_request:media", reason: error.reason, values: error.values }, { status: error.status });
    }
    if (error instanceof MediaUploadFailed) {
      return NextResponse.json<SendMediaError>({ error: "bad_gateway:media_upload", failure: errorOf(error.graph) }, { status: 502 });
    }
    throw error;
  }
});
