import "server-only";
import { GraphApiError } from "@/lib/whatsapp/graph-client";
import { uploadMediaStream, UploadSizeMismatch } from "@/lib/whatsapp/media";
import type { AcceptedMedia } from "./media-limits";
import { MediaRefused } from "./outbound-media";

/** Meta refused the upload (or could not be reached): nothing was stored, the agent sees why and may try again. */
export class MediaUploadFailed extends Error {
  constructor(readonly graph: GraphApiError) {
    super("media upload failed");
  }
}

/**
 * Streams a file whose type and size were already accepted to Meta's media
 * endpoint and returns Meta's media id. A body that does not match its
 * announced size is a refusal (MediaRefused "sizeMismatch"); anything Meta
 * answers, or a network failure, is MediaUploadFailed with Meta's error.
 */
export async function uploadAcceptedMedia(
  credentials: { accessToken: string; phoneNumberId: string },
  file: AcceptedMedia,
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<string> {
  try {
    const { id } = await uploadMediaStream({
      accessToken: credentials.accessToken,
      phoneNumberId: credentials.phoneNumberId,
      body,
      size: file.size,
      mimeType: file.mimeType,
      filename: file.filename,
      signal,
    });
    return id;
  } catch (error) {
    if (error instanceof UploadSizeMismatch) throw new MediaRefused("sizeMismatch", 400);
    if (error instanceof GraphApiError) throw new MediaUploadFailed(error);
    throw error;
  }
}
