import type { SendMediaError, SendMediaResponse } from "@/app/api/inbox/conversations/[conversationId]/media/route";

export type UploadOutcome =
  | { ok: true; message: SendMediaResponse }
  | { ok: false; status: number; body: SendMediaError | null }
  /** The connection broke or the agent cancelled: nothing is known to have been stored. */
  | { ok: false; status: 0; body: null; aborted: boolean };

export type UploadHandle = { done: Promise<UploadOutcome>; abort: () => void };

/**
 * Sends the file as the raw request body (no multipart, no base64) so the
 * server can stream it straight on to WhatsApp. XMLHttpRequest rather than
 * fetch: only it reports upload progress in every browser.
 */
export function uploadFile(conversationId: string, file: File, mimeType: string, caption: string | null, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", `/api/inbox/conversations/${encodeURIComponent(conversationId)}/media`);
    xhr.setRequestHeader("content-type", mimeType);
    // Headers are Latin-1 only: names and captions travel URI-encoded.
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    if (caption) xhr.setRequestHeader("x-caption", encodeURIComponent(caption));
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve({ ok: true, message: body as SendMediaResponse });
      else resolve({ ok: false, status: xhr.status, body: (body as SendMediaError | null) ?? null });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: null, aborted });
    xhr.onabort = () => resolve({ ok: false, status: 0, body: null, aborted: true });
    xhr.send(file);
  });
  return {
    done,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}
