"use client";

import { WandSparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useLazyComponent } from "@/components/ui/use-lazy-component";
import type { ComposerAiOptions } from "@/lib/ai/composer-options";
import type { AiWand } from "./use-ai-wand";

// The menu and its language dialog (Radix dropdown and dialog) load on the first press; the button shows at once.
const loadMenu = () => import("./ai-wand-menu-content").then((m) => m.AiWandMenuContent);

/** The composer's ✨ button, which opens the AI actions menu. */
export function AiWandMenu({ wand, options, draft, disabled }: { wand: AiWand; options: ComposerAiOptions; draft: string; disabled: boolean }) {
  const t = useTranslations("ai");
  const [open, setOpen] = useState(false);
  const [Menu, loadMenuNow, pending] = useLazyComponent(loadMenu);
  const button = (props: React.ComponentProps<typeof Button>) => (
    <Button type="button" variant="outline" size="icon" aria-label={t("wand.button")} title={t("wand.button")} disabled={disabled} {...props}>
      <WandSparkles aria-hidden />
    </Button>
  );
  // Until the menu's code is here, a plain button that asks for it (and opens the menu once it arrives).
  if (!Menu) {
    const onClick = () => {
      loadMenuNow();
      setOpen(true);
    };
    return (
      <>
        {button({ "aria-haspopup": "menu", "aria-expanded": false, onClick })}
        {pending}
      </>
    );
  }
  return <Menu wand={wand} options={options} draft={draft} open={open} onOpenChange={setOpen} trigger={button({})} />;
}
