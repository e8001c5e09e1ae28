import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import type { MessageError } from "@/lib/db/schema";
import { announcedSize, headerText } from "@/lib/http/header-text";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { MediaUploadFailed } from "@/lib/inbox/media-upload";
import { MediaRefused } from "@/lib/inbox/outbound-media";
import { errorOf } from "@/lib/inbox/outbound";
import { uploadHeaderMedia, type UploadedHeaderMedia } from "@/lib/templates/header-media-upload";

export const dynamic = "force-dynamic";

/** What the browser reads: Meta's media id for the file, to send as a template's `headerMedia: { id, filename }`. */
export type MediaUploadResponse = UploadedHeaderMedia;
/** A refusal before Meta: words from `files.refusals.<reason>`; Meta refusing the upload: `failure`, worded like a failed message. */
export type MediaUploadError = { error: string; reason?: string; values?: Record<string, string | number>; failure?: MessageError };

/**
 * POST /api/whatsapp/media-uploads?kind=image|video|document: the body is the
 * file itself, raw (Content-Type its MIME type, Content-Length its exact
 * size), its name in X-File-Name (URI-encoded). Streamed on to Meta's media
 * endpoint as it arrives, never written to disk nor held whole; nothing is
 * stored or sent. Any active member of a connected workspace may upload: a
 * template's media header needs no chat (a new conversation has none yet).
 */
export const POST = route("whatsapp.media-upload", async (request: Request) => {
  const member = await requireRouteMember("inbox:use");
  const size = announcedSize(request);
  try {
    // A chunked body has no size to check against Meta's limit before the upload starts.
    if (!Number.isSafeInteger(size) || !request.body) throw new MediaRefused("missingSize", 411);
    const uploaded = await uploadHeaderMedia(getDb(), member, {
      kind: new URL(request.url).searchParams.get("kind") ?? "",
      type: request.headers.get("content-type") ?? "",
      size,
      name: headerText(request, "x-file-name") ?? "",
      body: request.body,
      signal: request.signal,
    });
    return NextResponse.json<MediaUploadResponse>(uploaded, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof MediaRefused) {
      return NextResponse.json<MediaUploadError>({ error: "bad_request:media", reason: error.reason, values: error.values }, { status: error.status });
    }
    if (error instanceof MediaUploadFailed) {
      return NextResponse.json<MediaUploadError>({ error: "bad_gateway:media_upload", failure: errorOf(error.graph) }, { status: 502 });
    }
    throw error;
  }
});
