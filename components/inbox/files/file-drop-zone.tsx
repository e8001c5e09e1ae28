"use client";

import { Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState, type ReactNode } from "react";
import { toast } from "@/components/ui/toast";

const hasFiles = (event: React.DragEvent) => Array.from(event.dataTransfer.types).includes("Files");

/**
 * The open chat as a drop target: a file dragged from the desktop over the
 * messages or the composer opens the same dialog as the paperclip. Text or
 * links dragged inside the page are left alone.
 */
export function FileDropZone({ onFile, disabled, children }: { onFile: (file: File) => void; disabled: boolean; children: ReactNode }) {
  const t = useTranslations("files");
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer really left.
  const depth = useRef(0);

  return (
    <div
      className="relative flex min-h-0 flex-1 flex-col"
      data-testid="chat-drop-zone"
      onDragEnter={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 1) toast.info(t("oneFile"));
        if (files[0]) onFile(files[0]);
      }}
    >
      {children}
      {over && (
        <div className="pointer-events-none absolute inset-2 z-20 flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-primary bg-background/90 text-sm font-medium text-primary">
          <Upload aria-hidden className="size-8" />
          {t("dropHere")}
        </div>
      )}
    </div>
  );
}
