import type { SendMediaError, SendMediaResponse } from "@/app/api/inbox/conversations/[conversationId]/media/route";

/** How a raw-body upload ended: the server's answer, or nothing known (status 0) when the connection broke or it was cancelled. */
export type XhrOutcome<T, E> = { ok: true; body: T } | { ok: false; status: number; body: E | null } | { ok: false; status: 0; body: null; aborted: boolean };

export type UploadOutcome =
  | { ok: true; message: SendMediaResponse }
  | { ok: false; status: number; body: SendMediaError | null }
  /** The connection broke or the agent cancelled: nothing is known to have been stored. */
  | { ok: false; status: 0; body: null; aborted: boolean };

export type Handle<O> = { done: Promise<O>; abort: () => void };
export type UploadHandle = Handle<UploadOutcome>;

/**
 * POSTs the file as the raw request body (no multipart, no base64) so the
 * server can stream it straight on to WhatsApp; its name travels in
 * X-File-Name. XMLHttpRequest rather than fetch: only it reports upload
 * progress in every browser.
 */
export function xhrUpload<T, E>(url: string, file: File, headers: Record<string, string>, onProgress: (fraction: number) => void): Handle<XhrOutcome<T, E>> {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = new Promise<XhrOutcome<T, E>>((resolve) => {
    xhr.open("POST", url);
    // Headers are Latin-1 only: names and captions travel URI-encoded.
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve({ ok: true, body: body as T });
      else resolve({ ok: false, status: xhr.status, body: (body as E | null) ?? null });
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

/** Uploads an agent's file to the chat: the server streams it to WhatsApp and sends it as a message. */
export function uploadFile(conversationId: string, file: File, mimeType: string, caption: string | null, onProgress: (fraction: number) => void): UploadHandle {
  const headers: Record<string, string> = { "content-type": mimeType };
  if (caption) headers["x-caption"] = encodeURIComponent(caption);
  const handle = xhrUpload<SendMediaResponse, SendMediaError>(`/api/inbox/conversations/${encodeURIComponent(conversationId)}/media`, file, headers, onProgress);
  return { abort: handle.abort, done: handle.done.then((outcome): UploadOutcome => (outcome.ok ? { ok: true, message: outcome.body } : outcome)) };
}
