"use client";

import { useTranslations } from "next-intl";
import type { MessageError } from "@/lib/db/schema";
import { isMediaKind, MB, type MediaRefusal } from "@/lib/inbox/media-limits";
import { sendFailure } from "@/lib/inbox/send-errors";

/** What an upload route answers when it refuses (lib/inbox/outbound-media.ts MediaRefused) or Meta did (`failure`). */
type ErrorBody = { error?: string; reason?: string; values?: Record<string, string | number>; failure?: MessageError; requestId?: string };
type Refusal = { reason: string; values?: Record<string, string | number> };

/**
 * Words for a file WhatsApp would refuse, checked in the browser
 * (checkMediaFile) or answered by an upload route: `files.refusals.<reason>`
 * with the kind named in words ("photos of at most 5 MB").
 */
export function useUploadErrorText() {
  const t = useTranslations("files");
  const tErrors = useTranslations("errors");
  const tFailed = useTranslations("inbox.message.failedReasons");

  function refusalText(refusal: Refusal): string {
    const values = { ...refusal.values };
    if (typeof values.kind === "string" && isMediaKind(values.kind)) {
      values.kinds = t(`kindsPlural.${values.kind}`);
      values.formats = t(`formats.${values.kind}`);
    }
    return t(`refusals.${refusal.reason}` as "refusals.empty", values);
  }

  /** The browser's own check (checkMediaFile) of a file, in the same words as the server's. */
  function localRefusalText(refusal: MediaRefusal): string {
    if (refusal.reason === "tooLarge") return refusalText({ reason: "tooLarge", values: { kind: refusal.kind, maxMb: refusal.maxBytes / MB } });
    if (refusal.reason === "unsupportedType") return refusalText({ reason: "unsupportedType", values: { mimeType: refusal.mimeType } });
    return refusalText(refusal);
  }

  function outcomeText(outcome: { status: number; body: ErrorBody | null }): string {
    const body = outcome.body;
    if (outcome.status === 0) return t("interrupted");
    if (body?.reason) return refusalText({ reason: body.reason, values: body.values });
    if (body?.failure) {
      const failure = sendFailure(body.failure);
      return t("uploadFailed", { reason: failure.key === null ? failure.text : tFailed(failure.key, failure.values) });
    }
    const code = body?.error ?? "";
    if (code === "conflict:window") return tErrors("window_closed");
    if (code === "conflict:channel") return tErrors("channel_not_connected");
    const type = code.split(":")[0];
    return ["unauthorized", "forbidden", "not_found", "bad_request", "conflict", "rate_limited", "unavailable"].includes(type ?? "")
      ? tErrors(type as "not_found")
      : tErrors("internal", { reference: body?.requestId ?? "-" });
  }

  return { refusalText, localRefusalText, outcomeText };
}
