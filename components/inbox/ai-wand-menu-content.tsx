"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactElement } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ComposerAiOptions } from "@/lib/ai/composer-options";
import { AI_LANGUAGES, AI_TONES } from "@/lib/ai/models";
import type { AiWand } from "./use-ai-wand";

/** Asks for a language the menu does not list, then translates into it. */
function OtherLanguageDialog({ open, onClose, onTranslate }: { open: boolean; onClose: () => void; onTranslate: (language: string) => void }) {
  const t = useTranslations("ai.wand");
  const tCommon = useTranslations("common");
  const [language, setLanguage] = useState("");
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader>
          <DialogTitle>{t("otherLanguageLabel")}</DialogTitle>
        </DialogHeader>
        <form
          id="ai-other-language"
          onSubmit={(event) => {
            event.preventDefault();
            if (!language.trim()) return;
            onTranslate(language.trim());
            onClose();
          }}
        >
          <FormField id="ai-other-language-input" label={t("otherLanguageLabel")}>
            <Input
              id="ai-other-language-input"
              value={language}
              onChange={(event) => setLanguage(event.target.value)}
              placeholder={t("otherLanguagePlaceholder")}
              maxLength={60}
              autoComplete="off"
              required
            />
          </FormField>
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            {tCommon("cancel")}
          </Button>
          <Button type="submit" form="ai-other-language" disabled={!language.trim()}>
            {t("otherLanguageSubmit")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

type Props = {
  wand: AiWand;
  options: ComposerAiOptions;
  draft: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactElement;
};

/**
 * The ✨ menu (ai-wand.tsx loads it on the first press): translate, change
 * tone, fix spelling and grammar, simplify, smart reply and the workspace's
 * saved prompts. Actions that rework the draft wait until there is one; the
 * smart reply and saved prompts also work from the conversation alone.
 */
export function AiWandMenuContent({ wand, options, draft, open, onOpenChange, trigger }: Props) {
  const t = useTranslations("ai");
  const [askLanguage, setAskLanguage] = useState(false);
  const noDraft = draft.trim().length === 0;
  const translate = (language: string, name: string) =>
    void wand.run({ action: "translate", label: t("preview.translate", { language: name }), fields: { language } });

  return (
    <>
      {/* Not modal: a modal menu would leave the page inert when it hands focus to the language dialog. */}
      <DropdownMenu modal={false} open={open} onOpenChange={onOpenChange}>
        <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
        <DropdownMenuContent align="end" side="top" collisionPadding={8} className="w-64 max-w-[calc(100vw-1rem)]">
          <DropdownMenuSub>
            <DropdownMenuSubTrigger disabled={noDraft}>{t("wand.translate")}</DropdownMenuSubTrigger>
            <DropdownMenuSubContent>
              {AI_LANGUAGES.map((language) => (
                <DropdownMenuItem key={language} onSelect={() => translate(language, t(`languages.${language}`))}>
                  {t(`languages.${language}`)}
                </DropdownMenuItem>
              ))}
              <DropdownMenuItem onSelect={() => setAskLanguage(true)}>{t("wand.otherLanguage")}</DropdownMenuItem>
            </DropdownMenuSubContent>
          </DropdownMenuSub>
          <DropdownMenuSub>
            <DropdownMenuSubTrigger disabled={noDraft}>{t("wand.tone")}</DropdownMenuSubTrigger>
            <DropdownMenuSubContent>
              {AI_TONES.map((tone) => (
                <DropdownMenuItem
                  key={tone}
                  onSelect={() => void wand.run({ action: "tone", label: t("preview.tone", { tone: t(`tones.${tone}`) }), fields: { tone } })}
                >
                  {t(`tones.${tone}`)}
                </DropdownMenuItem>
              ))}
            </DropdownMenuSubContent>
          </DropdownMenuSub>
          <DropdownMenuItem disabled={noDraft} onSelect={() => void wand.run({ action: "grammar", label: t("wand.grammar") })}>
            {t("wand.grammar")}
          </DropdownMenuItem>
          <DropdownMenuItem disabled={noDraft} onSelect={() => void wand.run({ action: "simplify", label: t("wand.simplify") })}>
            {t("wand.simplify")}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void wand.run({ action: "smart-reply", label: t("wand.smartReply") })}>{t("wand.smartReply")}</DropdownMenuItem>
          {options.prompts.length > 0 && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>{t("wand.savedPrompts")}</DropdownMenuLabel>
              {options.prompts.map((prompt) => (
                <DropdownMenuItem key={prompt.id} onSelect={() => void wand.run({ action: "custom-prompt", label: prompt.name, fields: { promptId: prompt.id } })}>
                  {prompt.name}
                </DropdownMenuItem>
              ))}
            </>
          )}
          {noDraft && <p className="px-2 py-1.5 text-xs text-muted-foreground">{t("wand.needsDraft")}</p>}
        </DropdownMenuContent>
      </DropdownMenu>
      {askLanguage && <OtherLanguageDialog open onClose={() => setAskLanguage(false)} onTranslate={(language) => translate(language, language)} />}
    </>
  );
}
