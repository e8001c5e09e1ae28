import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findLinkedMessage } from "@/lib/forwarding/media-link";
import { findVisibleMessage, type MessageRow } from "@/lib/inbox/access";
import { requireRouteMember } from "@/lib/http/route-member";
import { route } from "@/lib/http/route";
import { getChannelCredentials } from "@/lib/whatsapp/channel";
import { GraphApiError, downloadMedia, getMediaInfo } from "@/lib/whatsapp/graph-client";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ messageId: string }> };

/** RFC 5987 encoding for filename*: encodeURIComponent leaves a few characters the header grammar does not allow. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Customer-sent files are served from our own origin, so only media a browser
 * renders harmlessly (images except SVG, audio, video) is shown inline;
 * documents and anything else download as attachments.
 */
function disposition(type: string, mimeType: string, filename: string | undefined): string {
  const renderable = /^(image\/(?!svg)|audio\/|video\/)/i.test(mimeType);
  if (type !== "document" && renderable) return "inline";
  return `attachment; filename*=UTF-8''${encodeFilename(filename || "document")}`;
}

/**
 * GET /api/media/:messageId: streams the file a customer sent. WhatsApp's
 * media URLs expire within minutes and require the workspace's token, so the
 * browser never sees them: each request asks Graph for a fresh URL.
 * Members fetch with their session (and the conversation's visibility);
 * forwarding receivers fetch with a signed, expiring link
 * (`?expires=…&signature=…`, lib/forwarding/media-link.ts) and no session.
 */
export const GET = route("media", async (request: Request, { params }: Context) => {
  const { messageId } = await params;
  const db = getDb();
  const search = new URL(request.url).searchParams;
  let message: MessageRow;
  if (search.has("signature") || search.has("expires")) {
    message = await findLinkedMessage(db, messageId, search.get("expires"), search.get("signature"));
  } else {
    const member = await requireRouteMember("inbox:use");
    ({ message } = await findVisibleMessage(db, member, messageId));
  }
  if (!message.media?.id) throw new AppError("not_found:media");
  const credentials = await getChannelCredentials(db, message.workspaceId);
  if (!credentials) throw new AppError("conflict:channel", { messageKey: "channel_not_connected" });

  let upstream: Response;
  let mimeType: string;
  try {
    const info = await getMediaInfo(credentials.accessToken, message.media.id);
    upstream = await downloadMedia(credentials.accessToken, info.url);
    mimeType = info.mime_type || upstream.headers.get("content-type") || message.media.mimeType || "application/octet-stream";
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    console.warn("[route media] graph error", { messageId: message.id, status: error.status, code: error.code, message: error.message });
    return NextResponse.json({ error: "bad_gateway:media" }, { status: 502 });
  }

  const headers = new Headers({
    "content-type": mimeType,
    "cache-control": "private, max-age=300",
    "content-disposition": disposition(message.type, mimeType, message.media.filename),
    "x-content-type-options": "nosniff",
  });
  const length = upstream.headers.get("content-length");
  if (length) headers.set("content-length", length);
  return new Response(upstream.body, { status: 200, headers });
});
