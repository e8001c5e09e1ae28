"use client";

import { Sparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { AiWand } from "./use-ai-wand";

/**
 * The AI's suggestion above the draft, streamed as it is written. The agent
 * replaces the draft with it, inserts it at the cursor, or discards it;
 * sending stays a separate step.
 */
export function AiWandPreview({ wand, onReplace, onInsert }: { wand: AiWand; onReplace: (text: string) => void; onInsert: (text: string) => void }) {
  const t = useTranslations("ai.preview");
  const { state } = wand;
  if (state.status === "idle") return null;
  const finished = state.status === "done";
  const usable = finished && state.text.trim().length > 0;

  return (
    <section aria-label={t("label")} className="grid min-w-0 gap-2 rounded-md border bg-muted/40 p-2 md:p-3">
      <div className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
        <Sparkles aria-hidden className="size-3.5" />
        <span>{state.label}</span>
        {state.status === "streaming" && (
          <span role="status" className="ml-auto">
            {t("writing")}
          </span>
        )}
      </div>
      {state.text && (
        // Phones: shorter, so the draft and Send stay on screen above the keyboard.
        <p aria-live="polite" className="max-h-28 overflow-y-auto whitespace-pre-wrap break-words text-sm md:max-h-40">
          {state.text}
        </p>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-sm text-destructive">
          {state.error}
        </p>
      )}
      {finished && !usable && <p className="text-sm text-muted-foreground">{t("empty")}</p>}
      {usable && <p className="text-xs text-muted-foreground">{t("note")}</p>}
      <div className="flex flex-wrap gap-2">
        {state.status === "streaming" && (
          <Button type="button" size="sm" variant="outline" onClick={wand.stop}>
            {t("stop")}
          </Button>
        )}
        {usable && (
          <>
            <Button
              type="button"
              size="sm"
              onClick={() => {
                onReplace(state.text.trim());
                wand.discard();
              }}
            >
              {t("replace")}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="outline"
              onClick={() => {
                onInsert(state.text.trim());
                wand.discard();
              }}
            >
              {t("insert")}
            </Button>
          </>
        )}
        <Button type="button" size="sm" variant="ghost" onClick={wand.discard}>
          {t("discard")}
        </Button>
      </div>
    </section>
  );
}
