"use client";

import { Paperclip } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { ACCEPT_ATTRIBUTE } from "@/lib/inbox/media-limits";

/** The composer's paperclip: opens the system's file picker, filtered to the types WhatsApp takes. */
export function AttachButton({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const t = useTranslations("files");
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button type="button" variant="ghost" size="icon" className="shrink-0" aria-label={t("attach")} title={t("attach")} disabled={disabled} onClick={() => input.current?.click()}>
        <Paperclip aria-hidden />
      </Button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        className="hidden"
        tabIndex={-1}
        aria-hidden
        data-testid="attach-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so picking the same file again still fires a change.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
