import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { OutboundMedia } from "@/lib/whatsapp/media";
import { findVisibleConversation, type Viewer } from "./access";
import { CAPTION_MAX_LENGTH, checkMediaFile, MB, MEDIA_RULES, type AcceptedMedia, type MediaRefusal } from "./media-limits";
import { channelOf, contactWaId, storeOutboundMessage, type InStoringTransaction, type StoredText } from "./outbound";
import { isWindowOpen } from "./service-window";

/**
 * Everything that must hold before a byte of an agent's file goes to Meta:
 * the member sees the chat (else 404, as for another workspace's chat), the
 * workspace is connected, and the 24-hour window is open. Checked again when
 * the message is stored, after the upload, since the window may close meanwhile.
 */
export async function checkMediaSendable(db: Db, member: Viewer, conversationId: string) {
  const conversation = await findVisibleConversation(db, member, conversationId);
  const credentials = await channelOf(db, member.workspaceId);
  if (!isWindowOpen(conversation)) throw new AppError("conflict:window", { messageKey: "window_closed" });
  return { conversation, credentials };
}

/**
 * A file refused before it reached Meta (or cut off while streaming): the route answers `status`
 * with the reason, which the browser words from `files.refusals.<reason>` with `values`.
 */
export class MediaRefused extends Error {
  constructor(
    readonly reason: MediaRefusal["reason"] | "captionNotAllowed" | "captionTooLong" | "sizeMismatch" | "missingSize" | "wrongKind",
    readonly status: number,
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

/** The file's announced type, size and name checked against Meta's limits (lib/inbox/media-limits.ts). */
export function acceptMedia(file: { type: string; size: number; name: string }): AcceptedMedia {
  const checked = checkMediaFile(file);
  if (checked.ok) return checked.media;
  const { refusal } = checked;
  if (refusal.reason === "tooLarge") throw new MediaRefused("tooLarge", 413, { kind: refusal.kind, maxMb: refusal.maxBytes / MB });
  if (refusal.reason === "unsupportedType") throw new MediaRefused("unsupportedType", 415, { mimeType: refusal.mimeType });
  throw new MediaRefused(refusal.reason, 400);
}

/** The caption as WhatsApp takes it: trimmed, none for audio, at most 1,024 characters. */
export function normalizeCaption(caption: string | null | undefined, kind: AcceptedMedia["kind"]): string | null {
  const value = caption?.trim() ?? "";
  if (!value) return null;
  if (!MEDIA_RULES[kind].caption) throw new MediaRefused("captionNotAllowed", 400);
  if (value.length > CAPTION_MAX_LENGTH) throw new MediaRefused("captionTooLong", 400, { max: CAPTION_MAX_LENGTH });
  return value;
}

/**
 * Stores an agent's file (already uploaded to Meta, known by its media id) as
 * a pending outbound message shaped like an inbound one: type image/video/
 * audio/document, media {id, mimeType, filename}, the caption as text. Like
 * storeAgentText: the conversation row is locked, the window checked again,
 * and the caller's work (pausing the assistant) joins the same transaction.
 */
export async function storeAgentMedia(
  db: Db,
  member: Viewer,
  input: { conversationId: string; file: AcceptedMedia; mediaId: string; caption: string | null },
  inTransaction?: InStoringTransaction,
): Promise<StoredText> {
  const { file, mediaId, caption } = input;
  const credentials = await channelOf(db, member.workspaceId);
  const stored = await db.transaction(async (tx) => {
    const conversation = await findVisibleConversation(tx, member, input.conversationId, { forUpdate: true });
    const now = new Date();
    if (!isWindowOpen(conversation, now)) throw new AppError("conflict:window", { messageKey: "window_closed" });
    const to = await contactWaId(tx, conversation);
    const messageId = await storeOutboundMessage(tx, conversation, {
      sender: "agent",
      authorUserId: member.userId,
      type: file.kind,
      text: caption,
      media: { id: mediaId, mimeType: file.mimeType, filename: file.filename },
      // The list's preview reads like an inbound file's: the caption, or a document's name.
      preview: caption ?? (file.kind === "document" ? file.filename : null),
      now,
    });
    await inTransaction?.(tx, conversation, now);
    return { messageId, conversation, to };
  });

  const conversationId = stored.conversation.id;
  const media: OutboundMedia = { kind: file.kind, id: mediaId, caption: caption ?? undefined, filename: file.filename };
  const audience = await conversationAudience(db, member.workspaceId, stored.conversation.assignedUserId);
  return {
    delivery: { messageId: stored.messageId, conversationId, workspaceId: member.workspaceId, to: stored.to, body: caption ?? "", media, credentials },
    events: [
      ...eventsFor(audience, "message.created", { conversationId, messageId: stored.messageId, direction: "outbound", sender: "agent", authorUserId: member.userId }),
      ...eventsFor(audience, "conversation.updated", { conversationId }),
    ],
  };
}
