"use client";

import { SendHorizontal } from "lucide-react";
import { useNow, useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { ComposerAiOptions } from "@/lib/ai/composer-options";
import { AiWandMenu } from "./ai-wand";
import { AiWandPreview } from "./ai-wand-preview";
import { QuickReplyList } from "./quick-reply-list";
import { useAiWand } from "./use-ai-wand";
import { useQuickReplyPicker } from "./use-quick-reply-picker";

/** WhatsApp refuses text bodies longer than this. */
const MAX_TEXT = 4096;

type Props = {
  conversationId: string;
  /** End of the 24-hour customer-service window; null when the customer never wrote. */
  windowClosesAt: string | null;
  /** Resolves true once the message is in the log (sent or failed with a Retry), false to keep the draft. */
  onSend: (text: string) => Promise<boolean>;
  /** The AI wand's options when AI is on for the workspace; null hides the wand. */
  ai?: ComposerAiOptions | null;
  /** The template button (components/inbox/template-sender.tsx), told whether the window is closed (then it is the way to write). */
  templates?: (windowClosed: boolean) => React.ReactNode;
  /** The paperclip that sends a file (components/inbox/files/). */
  attach?: React.ReactNode;
};

export function Composer({ conversationId, windowClosesAt, onSend, ai = null, templates, attach }: Props) {
  const t = useTranslations("inbox.composer");
  // Re-checked every 30 s so the composer closes by itself when the window runs out.
  const now = useNow({ updateInterval: 30_000 });
  const windowOpen = windowClosesAt !== null && Date.parse(windowClosesAt) > now.getTime();
  const [text, setText] = useState("");
  const [pending, startTransition] = useTransition();
  const canSend = windowOpen && text.trim().length > 0 && !pending;
  const inputId = `composer-${conversationId}`;
  const noticeId = `${inputId}-notice`;
  const formId = `${inputId}-form`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const wand = useAiWand(conversationId, text);
  const quickReplies = useQuickReplyPicker({ conversationId, text, setText, textareaRef, maxLength: MAX_TEXT });

  /** Puts an AI suggestion where the cursor is (or replaces the selection); the agent still decides to send. */
  function insertAtCursor(snippet: string) {
    const field = textareaRef.current;
    setText((current) => {
      const start = field?.selectionStart ?? current.length;
      const end = field?.selectionEnd ?? current.length;
      return (current.slice(0, start) + snippet + current.slice(end)).slice(0, MAX_TEXT);
    });
  }

  function submit() {
    if (!canSend) return;
    const draft = text;
    startTransition(async () => {
      const sent = await onSend(draft.trim());
      // Whatever was typed while sending stays.
      if (sent) setText((current) => (current === draft ? "" : current));
    });
  }

  // Only the message box is inside the <form>. React bubbles events from portals through the
  // component tree, so any form a wand control renders (the "Other language" dialog) would submit
  // this one too, and send the draft, if the wand were its child. The Send button joins it by `form`.
  return (
    <div className="flex flex-col gap-1 border-t bg-background p-2 md:p-3">
      {!windowOpen && (
        <p id={noticeId} className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          {windowClosesAt === null ? t("windowNeverOpened") : t("windowClosed")}
        </p>
      )}
      {!windowOpen && templates?.(true)}
      {ai && <AiWandPreview wand={wand} onReplace={(suggestion) => setText(suggestion.slice(0, MAX_TEXT))} onInsert={insertAtCursor} />}
      <QuickReplyList picker={quickReplies} />
      <label htmlFor={inputId} className="sr-only">
        {t("label")}
      </label>
      <div className="flex items-end gap-2">
        {attach}
        <form
          id={formId}
          className="min-w-0 flex-1"
          onSubmit={(event) => {
            event.preventDefault();
            // A submit that bubbled up from a form rendered inside this one is not the agent pressing Send.
            if (event.target !== event.currentTarget) return;
            submit();
          }}
        >
          <Textarea
            ref={textareaRef}
            id={inputId}
            name="text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            {...quickReplies.inputProps}
            onKeyDown={(event) => {
              if (quickReplies.onKeyDown(event)) return;
              // Enter sends, Shift+Enter breaks the line; Enter that confirms an IME composition does neither.
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                submit();
              }
            }}
            disabled={!windowOpen}
            aria-describedby={windowOpen ? `${inputId}-hint` : noticeId}
            placeholder={t("placeholder")}
            maxLength={MAX_TEXT}
            rows={1}
            className="max-h-40 min-h-10 resize-none"
          />
        </form>
        {windowOpen && templates?.(false)}
        {ai && <AiWandMenu wand={wand} options={ai} draft={text} disabled={!windowOpen} />}
        <Button type="submit" form={formId} disabled={!canSend} aria-busy={pending} className="shrink-0">
          <SendHorizontal aria-hidden />
          {/* Phones: the icon alone, so the message box keeps the width; the name stays for screen readers. */}
          <span className="sr-only sm:not-sr-only">{t("send")}</span>
        </Button>
      </div>
      {windowOpen && (
        // Phones have no Shift key to speak of and little height: the hint stays for screen readers only.
        <p id={`${inputId}-hint`} className="sr-only text-xs text-muted-foreground md:not-sr-only">
          {t("hint")}
        </p>
      )}
    </div>
  );
}
