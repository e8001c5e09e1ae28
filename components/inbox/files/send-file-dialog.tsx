"use client";

import { FileAudio, FileText, FileVideo, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CAPTION_MAX_LENGTH, checkMediaFile, MB, MEDIA_RULES } from "@/lib/inbox/media-limits";
import type { ChatMessage } from "@/lib/inbox/types";
import { uploadFile, type UploadHandle } from "./upload-file";
import { UploadProgress } from "./upload-progress";
import { useObjectUrl } from "./use-object-url";
import { useUploadErrorText } from "./use-upload-error-text";

type Props = {
  conversationId: string;
  file: File;
  onClose: () => void;
  /** The stored message (sent, or failed with its Retry) once the server answered. */
  onSent: (message: ChatMessage) => void;
};


/**
 * Shows the file the agent picked or dropped (a photo's preview, otherwise its
 * kind, name and size), takes a caption where WhatsApp shows one, and uploads
 * it with a progress bar. Meta's limits are checked here first, so a file
 * WhatsApp would refuse is explained before a byte is sent.
 */
export function SendFileDialog({ conversationId, file, onClose, onSent }: Props) {
  const t = useTranslations("files");
  const tCommon = useTranslations("common");
  const { localRefusalText, outcomeText } = useUploadErrorText();
  const checked = useMemo(() => checkMediaFile(file), [file]);
  const [caption, setCaption] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<UploadHandle | null>(null);
  const captionId = useId();
  const errorId = useId();
  const previewUrl = useObjectUrl(checked.ok && checked.media.kind === "image" ? file : null);

  async function send() {
    if (!checked.ok || upload.current) return;
    setError(null);
    setProgress(0);
    const handle = uploadFile(conversationId, file, checked.media.mimeType, MEDIA_RULES[checked.media.kind].caption ? caption.trim() || null : null, setProgress);
    upload.current = handle;
    const outcome = await handle.done;
    upload.current = null;
    if (outcome.ok) {
      onSent(outcome.message);
      onClose();
      return;
    }
    setProgress(null);
    // Closing the dialog cancels: nothing to say then.
    if (!("aborted" in outcome && outcome.aborted)) setError(outcomeText(outcome));
  }

  function close() {
    upload.current?.abort();
    onClose();
  }

  const uploading = progress !== null;
  const kind = checked.ok ? checked.media.kind : null;
  const shownError = checked.ok ? error : localRefusalText(checked.refusal);

  return (
    <Dialog open onOpenChange={(open) => !open && close()}>
      <DialogContent closeLabel={tCommon("close")} className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{t("dialogTitle")}</DialogTitle>
          <DialogDescription>{t("dialogDescription")}</DialogDescription>
        </DialogHeader>
        <form
          className="flex min-w-0 flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <FilePreview file={file} kind={kind} previewUrl={previewUrl} />
          {kind && MEDIA_RULES[kind].caption && (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={captionId}>{t("caption")}</Label>
              <Textarea
                id={captionId}
                value={caption}
                onChange={(event) => setCaption(event.target.value)}
                maxLength={CAPTION_MAX_LENGTH}
                placeholder={t("captionPlaceholder")}
                disabled={uploading}
                rows={2}
                className="max-h-32"
              />
            </div>
          )}
          {kind === "audio" && <p className="text-xs text-muted-foreground">{t("noCaption")}</p>}
          {uploading && <UploadProgress fraction={progress ?? 0} doneText={t("sending")} />}
          {shownError && (
            <p id={errorId} role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {shownError}
            </p>
          )}
          {!checked.ok && <p className="text-xs text-muted-foreground">{t("limits")}</p>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={close}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={!checked.ok || uploading} aria-busy={uploading} aria-describedby={shownError ? errorId : undefined}>
              <SendHorizontal aria-hidden />
              {t("send")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function FilePreview({ file, kind, previewUrl }: { file: File; kind: keyof typeof MEDIA_RULES | null; previewUrl: string | null }) {
  const t = useTranslations("files");
  const Icon = kind === "video" ? FileVideo : kind === "audio" ? FileAudio : FileText;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {previewUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a local object URL next/image cannot optimise
        <img src={previewUrl} alt={file.name} className="max-h-60 w-full rounded-md bg-muted object-contain" />
      )}
      <div className="flex min-w-0 items-center gap-2 rounded-md border px-3 py-2">
        <Icon aria-hidden className="size-5 shrink-0 text-muted-foreground" />
        <span className="flex min-w-0 flex-col">
          <span className="truncate text-sm font-medium">{file.name}</span>
          <span className="text-xs text-muted-foreground">
            {kind ? `${t(`kinds.${kind}`)} · ` : ""}
            {file.size < MB ? t("sizeKb", { size: Math.max(1, Math.round(file.size / 1024)) }) : t("size", { size: (file.size / MB).toFixed(1) })}
          </span>
        </span>
      </div>
    </div>
  );
}
