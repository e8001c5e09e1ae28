import "server-only";
import { pauseBotsForAgentReply } from "@/lib/bots/pause";
import type { Db } from "@/lib/db/client";
import type { Viewer } from "@/lib/inbox/access";
import { acceptMedia, checkMediaSendable, MediaRefused, normalizeCaption, storeAgentMedia } from "@/lib/inbox/outbound-media";
import type { StoredText } from "@/lib/inbox/outbound";
import { GraphApiError } from "@/lib/whatsapp/graph-client";
import { uploadMediaStream, UploadSizeMismatch } from "@/lib/whatsapp/media";

/** Meta refused the upload (or could not be reached): nothing was stored, the agent sees why and may try again. */
export class MediaUploadFailed extends Error {
  constructor(readonly graph: GraphApiError) {
    super("media upload failed");
  }
}

export type IncomingFile = {
  conversationId: string;
  /** What the browser announced: type, exact size in bytes, file name. */
  type: string;
  size: number;
  name: string;
  caption: string | null;
  body: ReadableStream<Uint8Array>;
  signal?: AbortSignal;
};

/**
 * An agent's file: checked against Meta's limits, the chat's visibility and
 * the window before any byte moves; streamed to Meta's media endpoint; then
 * stored as a pending message in the transaction that also pauses the AI
 * assistant, as an agent's text does (lib/composition/agent-reply.ts).
 * The caller publishes the events and hands `delivery` to `deliver`.
 */
export async function uploadAgentMedia(db: Db, member: Viewer, input: IncomingFile): Promise<StoredText> {
  const file = acceptMedia({ type: input.type, size: input.size, name: input.name });
  const caption = normalizeCaption(input.caption, file.kind);
  const { credentials } = await checkMediaSendable(db, member, input.conversationId);
  let mediaId: string;
  try {
    ({ id: mediaId } = await uploadMediaStream({
      accessToken: credentials.accessToken,
      phoneNumberId: credentials.phoneNumberId,
      body: input.body,
      size: file.size,
      mimeType: file.mimeType,
      filename: file.filename,
      signal: input.signal,
    }));
  } catch (error) {
    if (error instanceof UploadSizeMismatch) throw new MediaRefused("sizeMismatch", 400);
    if (error instanceof GraphApiError) throw new MediaUploadFailed(error);
    throw error;
  }
  return storeAgentMedia(db, member, { conversationId: input.conversationId, file, mediaId, caption }, pauseBotsForAgentReply);
}
