/**
 * What WhatsApp accepts as an agent's file, checked in the browser before any
 * upload starts and again by the upload route before a byte goes to Meta.
 * Source: Meta's "Supported media types" (developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types).
 * Stickers (image/webp) are left out: agents send photos, not stickers.
 * Shared by client and server code, so nothing here may import server modules.
 */

export type MediaKind = "image" | "video" | "audio" | "document";

export const MB = 1024 * 1024;

type KindRule = { maxBytes: number; mimeTypes: readonly string[]; caption: boolean };

export const MEDIA_RULES: Record<MediaKind, KindRule> = {
  image: { maxBytes: 5 * MB, mimeTypes: ["image/jpeg", "image/png"], caption: true },
  // Meta plays only H.264 video with AAC audio; the codec is not checked here (Meta refuses it on send).
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp"], caption: true },
  // audio/ogg must be Opus (Meta: "OPUS codecs only"); audio has no caption on WhatsApp.
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], caption: false },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    caption: true,
  },
};

/** WhatsApp's limit for a media caption. */
export const CAPTION_MAX_LENGTH = 1024;
/** Longer names are refused: WhatsApp shows the name in the customer's chat, and it travels in a header. */
export const FILENAME_MAX_LENGTH = 240;

/** Names browsers and systems give the same formats; Meta knows only its own spelling. */
const MIME_ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "video/3gp": "video/3gpp",
  "audio/mp3": "audio/mpeg",
  "audio/x-m4a": "audio/mp4",
  "audio/m4a": "audio/mp4",
  "audio/x-aac": "audio/aac",
  "audio/opus": "audio/ogg",
};

/** When the browser gives no type (an empty string or octet-stream), the extension decides. */
const BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  aac: "audio/aac",
  amr: "audio/amr",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  pdf: "application/pdf",
  txt: "text/plain",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The MIME type Meta should be told: parameters dropped, aliases resolved, the extension when the type says nothing. */
export function normalizeMimeType(type: string, filename: string): string {
  const base = type.split(";")[0]!.trim().toLowerCase();
  if (base && base !== "application/octet-stream") return MIME_ALIASES[base] ?? base;
  const extension = filename.includes(".") ? filename.split(".").pop()!.toLowerCase() : "";
  return BY_EXTENSION[extension] ?? base;
}

export function mediaKindOf(mimeType: string): MediaKind | null {
  for (const kind of Object.keys(MEDIA_RULES) as MediaKind[]) {
    if (MEDIA_RULES[kind].mimeTypes.includes(mimeType)) return kind;
  }
  return null;
}

export type MediaRefusal =
  | { reason: "unsupportedType"; mimeType: string }
  | { reason: "tooLarge"; kind: MediaKind; maxBytes: number }
  | { reason: "empty" }
  | { reason: "badName" };

export type AcceptedMedia = { kind: MediaKind; mimeType: string; size: number; filename: string };

/**
 * Whether WhatsApp would take this file, before any byte moves: its type must be one Meta lists
 * and its size within that type's limit. The same function runs in the browser and in the route.
 */
export function checkMediaFile(file: { type: string; size: number; name: string }): { ok: true; media: AcceptedMedia } | { ok: false; refusal: MediaRefusal } {
  const filename = file.name.trim();
  // NUL and other control characters would break the multipart header and the customer's chat.
  if (!filename || filename.length > FILENAME_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(filename)) return { ok: false, refusal: { reason: "badName" } };
  const mimeType = normalizeMimeType(file.type, filename);
  const kind = mediaKindOf(mimeType);
  if (!kind) return { ok: false, refusal: { reason: "unsupportedType", mimeType: mimeType || "?" } };
  if (!Number.isSafeInteger(file.size) || file.size <= 0) return { ok: false, refusal: { reason: "empty" } };
  const { maxBytes } = MEDIA_RULES[kind];
  if (file.size > maxBytes) return { ok: false, refusal: { reason: "tooLarge", kind, maxBytes } };
  return { ok: true, media: { kind, mimeType, size: file.size, filename } };
}

/** The accept attribute of the file picker: every type and extension above. */
export const ACCEPT_ATTRIBUTE = [...Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes), ...Object.keys(BY_EXTENSION).map((e) => `.${e}`)].join(",");

export function isMediaKind(type: string): type is MediaKind {
  return Object.hasOwn(MEDIA_RULES, type);
}

/** The kinds a template's media header takes (Meta's IMAGE, VIDEO and DOCUMENT header formats). */
export type HeaderMediaKind = Exclude<MediaKind, "audio">;

export function isHeaderMediaKind(kind: string): kind is HeaderMediaKind {
  return kind === "image" || kind === "video" || kind === "document";
}

/** The accept attribute of a template header's file picker: that kind's types and extensions only. */
export function acceptAttributeOf(kind: MediaKind): string {
  const types = MEDIA_RULES[kind].mimeTypes;
  return [...types, ...Object.entries(BY_EXTENSION).filter(([, type]) => types.includes(type)).map(([e]) => `.${e}`)].join(",");
}
