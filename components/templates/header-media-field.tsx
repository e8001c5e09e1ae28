"use client";

import { FileText, Image as ImageIcon, RefreshCw, Trash2, Upload, Video, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { MediaUploadError, MediaUploadResponse } from "@/app/api/whatsapp/media-uploads/route";
import { xhrUpload, type Handle, type XhrOutcome } from "@/components/inbox/files/upload-file";
import { UploadProgress } from "@/components/inbox/files/upload-progress";
import { useUploadErrorText } from "@/components/inbox/files/use-upload-error-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { acceptAttributeOf, checkMediaFile, FILENAME_MAX_LENGTH, MB, mediaKindOf, normalizeMimeType, type HeaderMediaKind } from "@/lib/inbox/media-limits";
import type { HeaderMedia } from "@/lib/templates/model";
import { cn } from "@/lib/utils";

type Mode = "upload" | "link";
type Uploaded = { id: string; name: string; size: number; file: File };

type Props = {
  format: "IMAGE" | "VIDEO" | "DOCUMENT";
  onChange: (value: HeaderMedia | null) => void;
  /** The chosen file while it is the header (for the preview's picture), null otherwise. */
  onFile: (file: File | null) => void;
  onUploadingChange: (uploading: boolean) => void;
  error?: string;
};

const KIND_ICONS = { image: ImageIcon, video: Video, document: FileText } as const;

/**
 * A media header's file: uploaded from the agent's device (the default; the
 * server streams it to Meta and hands back Meta's media id, which the send
 * uses) or a public https link WhatsApp downloads. Meta's limits for the
 * header's kind are checked here before a byte moves, and again by the route.
 */
export function HeaderMediaField({ format, onChange, onFile, onUploadingChange, error }: Props) {
  const t = useTranslations("templates.form");
  const tFiles = useTranslations("files");
  const { refusalText, localRefusalText, outcomeText } = useUploadErrorText();
  const id = useId();
  const kind = format.toLowerCase() as HeaderMediaKind;
  const [mode, setMode] = useState<Mode>("upload");
  const [link, setLink] = useState("");
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const [docName, setDocName] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const upload = useRef<Handle<XhrOutcome<MediaUploadResponse, MediaUploadError>> | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  // Leaving the form (Back, or sending) cancels an upload still running.
  useEffect(() => () => upload.current?.abort(), []);

  function emit(next: { mode: Mode; link: string; uploaded: Uploaded | null; docName: string }) {
    const name = next.docName.trim();
    if (next.mode === "upload") {
      onChange(next.uploaded ? { id: next.uploaded.id, filename: (kind === "document" && name) || next.uploaded.name } : null);
      onFile(next.uploaded && kind === "image" ? next.uploaded.file : null);
    } else {
      onChange(next.link ? { link: next.link, ...(kind === "document" && name ? { filename: name } : {}) } : null);
      onFile(null);
    }
  }

  function chooseMode(next: Mode) {
    if (next === mode) return;
    cancelUpload();
    setMode(next);
    emit({ mode: next, link, uploaded, docName });
  }

  function cancelUpload() {
    upload.current?.abort();
    upload.current = null;
    setProgress(null);
    onUploadingChange(false);
  }

  async function start(file: File) {
    cancelUpload();
    setUploadError(null);
    const checked = checkMediaFile(file);
    const mimeType = normalizeMimeType(file.type, file.name.trim());
    if (mediaKindOf(mimeType) !== kind) return setUploadError(refusalText({ reason: "wrongKind", values: { kind, mimeType: mimeType || "?" } }));
    if (!checked.ok) return setUploadError(localRefusalText(checked.refusal));
    setProgress(0);
    onUploadingChange(true);
    const handle = xhrUpload<MediaUploadResponse, MediaUploadError>(`/api/whatsapp/media-uploads?kind=${kind}`, file, { "content-type": checked.media.mimeType }, setProgress);
    upload.current = handle;
    const outcome = await handle.done;
    // Replaced or cancelled meanwhile: that answer is no longer wanted.
    if (upload.current !== handle) return;
    upload.current = null;
    setProgress(null);
    onUploadingChange(false);
    if (!outcome.ok) {
      if (!("aborted" in outcome && outcome.aborted)) setUploadError(outcomeText(outcome));
      return;
    }
    const next = { id: outcome.body.id, name: outcome.body.filename, size: outcome.body.size, file };
    setUploaded(next);
    setDocName(kind === "document" ? next.name : "");
    emit({ mode: "upload", link, uploaded: next, docName: kind === "document" ? next.name : "" });
  }

  function remove() {
    setUploaded(null);
    setUploadError(null);
    emit({ mode, link, uploaded: null, docName });
    chooseButton.current?.focus();
  }

  const uploading = progress !== null;
  const Icon = KIND_ICONS[kind];
  const shownError = mode === "upload" ? (uploadError ?? error) : error;
  const helpId = `${id}-help`;

  return (
    <fieldset className="grid min-w-0 gap-2 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">{t(`media.${kind}`)}</legend>
      <div role="radiogroup" aria-label={t("mediaSource")} className="grid grid-cols-2 gap-1 rounded-md bg-muted p-1">
        {(["upload", "link"] as const).map((option) => (
          <label
            key={option}
            className={cn(
              "flex cursor-pointer items-center justify-center rounded px-2 py-1.5 text-center text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              mode === option ? "bg-background font-medium shadow-sm" : "text-muted-foreground",
            )}
          >
            <input type="radio" name={`${id}-source`} value={option} checked={mode === option} onChange={() => chooseMode(option)} className="sr-only" />
            {option === "upload" ? t("mediaUploadOption") : t("mediaLinkOption")}
          </label>
        ))}
      </div>

      {mode === "upload" ? (
        <div className="grid min-w-0 gap-2">
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept={acceptAttributeOf(kind)}
            className="sr-only"
            // The visible button below opens it; screen readers and the keyboard meet that one control only.
            tabIndex={-1}
            aria-hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              // The same file may be picked again after a removal.
              event.target.value = "";
              if (file) void start(file);
            }}
          />
          {uploaded && !uploading && (
            <div className="flex min-w-0 items-center gap-2 rounded-md border px-3 py-2">
              <Icon aria-hidden className="size-5 shrink-0 text-muted-foreground" />
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate text-sm font-medium">{uploaded.name}</span>
                <span className="text-xs text-muted-foreground">
                  {t("mediaUploaded")} · {uploaded.size < MB ? tFiles("sizeKb", { size: Math.max(1, Math.round(uploaded.size / 1024)) }) : tFiles("size", { size: (uploaded.size / MB).toFixed(1) })}
                </span>
              </span>
              <Button type="button" variant="ghost" size="icon" onClick={remove} aria-label={t("removeFile", { name: uploaded.name })}>
                <Trash2 aria-hidden />
              </Button>
            </div>
          )}
          {uploading ? (
            <div className="grid gap-2">
              <UploadProgress fraction={progress} doneText={t("mediaFinishing")} />
              <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={cancelUpload}>
                <X aria-hidden />
                {t("cancelUpload")}
              </Button>
            </div>
          ) : (
            <Button ref={chooseButton} type="button" variant="outline" className="justify-self-start" onClick={() => input.current?.click()} aria-describedby={helpId}>
              {uploaded ? <RefreshCw aria-hidden /> : <Upload aria-hidden />}
              {uploaded ? t("replaceFile") : t("chooseFile")}
            </Button>
          )}
          <p id={helpId} className="text-xs text-muted-foreground">
            {shownError ? (
              <span role="alert" className="text-destructive">
                {shownError}
              </span>
            ) : (
              t(`mediaUploadHelp.${kind}`)
            )}
          </p>
        </div>
      ) : (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-link`}>{t("mediaLink")}</Label>
          <Input
            id={`${id}-link`}
            type="url"
            inputMode="url"
            value={link}
            placeholder="https://"
            maxLength={2000}
            onChange={(event) => {
              setLink(event.target.value);
              emit({ mode, link: event.target.value, uploaded, docName });
            }}
            aria-invalid={Boolean(error)}
            aria-describedby={helpId}
          />
          <p id={helpId} className="text-xs text-muted-foreground">
            {error ? <span className="text-destructive">{error}</span> : t("mediaHelp")}
          </p>
        </div>
      )}
      {kind === "document" && (mode === "link" || uploaded) && (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-filename`}>{t("filename")}</Label>
          <Input
            id={`${id}-filename`}
            value={docName}
            maxLength={FILENAME_MAX_LENGTH}
            onChange={(event) => {
              setDocName(event.target.value);
              emit({ mode, link, uploaded, docName: event.target.value });
            }}
          />
        </div>
      )}
    </fieldset>
  );
}
