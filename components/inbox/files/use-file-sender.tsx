"use client";

import { useNow } from "next-intl";
import { useState } from "react";
import { lazyPanel } from "@/components/ui/lazy-panel";
import type { ChatMessage } from "@/lib/inbox/types";
import { AttachButton } from "./attach-button";

// The dialog (preview, caption, upload) loads with the first file chosen or dropped.
const SendFileDialog = lazyPanel(
  () => import("./send-file-dialog").then((m) => m.SendFileDialog),
  { open: () => true, close: (props) => props.onClose() },
);

/**
 * Sending files in the open chat: the paperclip for the composer, the drop
 * zone around the chat, and the dialog either opens. Files are free-form
 * messages, so both are off while the 24-hour window is closed (the server
 * checks again).
 */
export function useFileSender(conversationId: string, windowClosesAt: string | null, onSent: (message: ChatMessage) => void) {
  const now = useNow({ updateInterval: 30_000 });
  const windowOpen = windowClosesAt !== null && Date.parse(windowClosesAt) > now.getTime();
  const [file, setFile] = useState<File | null>(null);
  return {
    attachButton: <AttachButton onFile={setFile} disabled={!windowOpen} />,
    /** Props for <FileDropZone> around the chat's messages and composer. */
    dropZone: { onFile: setFile, disabled: !windowOpen || file !== null },
    dialog: file && <SendFileDialog key={`${file.name}:${file.size}:${file.lastModified}`} conversationId={conversationId} file={file} onClose={() => setFile(null)} onSent={onSent} />,
  };
}
