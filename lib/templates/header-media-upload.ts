import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { uploadAcceptedMedia } from "@/lib/inbox/media-upload";
import { isHeaderMediaKind, mediaKindOf, normalizeMimeType, type HeaderMediaKind } from "@/lib/inbox/media-limits";
import { acceptMedia, MediaRefused } from "@/lib/inbox/outbound-media";
import { channelOf } from "@/lib/inbox/outbound";

/** What the browser keeps of an uploaded header file and sends back as `headerMedia: { id, filename }`. */
export type UploadedHeaderMedia = { id: string; filename: string; mimeType: string; size: number };

export type IncomingHeaderFile = {
  /** The kind the template's header takes, as the browser says it (checked here). */
  kind: string;
  type: string;
  size: number;
  name: string;
  body: ReadableStream<Uint8Array>;
  signal?: AbortSignal;
};

/**
 * A template header's file: checked against the kind the header takes and
 * Meta's limits for it, then streamed to Meta's media endpoint. Nothing is
 * stored and nothing is sent: the answer is Meta's media id, which the
 * template send (lib/templates/send.ts) puts in the header. Needs no chat, so
 * a new conversation can use it too; the workspace must be connected.
 */
export async function uploadHeaderMedia(db: Db, member: { workspaceId: string }, input: IncomingHeaderFile): Promise<UploadedHeaderMedia> {
  // Not something an agent can get wrong: the form passes its template's header format.
  if (!isHeaderMediaKind(input.kind)) throw new AppError("bad_request:media_kind");
  const kind: HeaderMediaKind = input.kind;
  // A header takes one kind: a PDF for a photo header is refused as such here, not sent to fail at Meta.
  const mimeType = normalizeMimeType(input.type, input.name.trim());
  if (mediaKindOf(mimeType) !== kind) throw new MediaRefused("wrongKind", 415, { kind, mimeType: mimeType || "?" });
  const file = acceptMedia({ type: input.type, size: input.size, name: input.name });
  const credentials = await channelOf(db, member.workspaceId);
  const id = await uploadAcceptedMedia(credentials, file, input.body, input.signal);
  return { id, filename: file.filename, mimeType: file.mimeType, size: file.size };
}
