import "server-only";
import { pauseBotsForAgentReply } from "@/lib/bots/pause";
import type { Db } from "@/lib/db/client";
import type { Viewer } from "@/lib/inbox/access";
import { uploadAcceptedMedia } from "@/lib/inbox/media-upload";
import { acceptMedia, checkMediaSendable, normalizeCaption, storeAgentMedia } from "@/lib/inbox/outbound-media";
import type { StoredText } from "@/lib/inbox/outbound";

export { MediaUploadFailed } from "@/lib/inbox/media-upload";

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
  const mediaId = await uploadAcceptedMedia(credentials, file, input.body, input.signal);
  return storeAgentMedia(db, member, { conversationId: input.conversationId, file, mediaId, caption }, pauseBotsForAgentReply);
}
