"use client";

import { BotOff } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { resumeBotsAction } from "@/app/(dashboard)/inbox/actions";
import { Button } from "@/components/ui/button";

type Props = { conversationId: string; pausedUntil: string; onChanged: () => Promise<void> };

/** Shown while a stop keyword or an agent's reply keeps the chat's bots silent; any agent may lift the pause. */
export function BotsPaused({ conversationId, pausedUntil, onChanged }: Props) {
  const t = useTranslations("inbox.chat.bots");
  const format = useFormatter();
  const [pending, startTransition] = useTransition();

  function resume() {
    startTransition(async () => {
      const result = await resumeBotsAction({ conversationId });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      await onChanged();
      toast.success(t("resumedToast"));
    });
  }

  const until = format.dateTime(new Date(pausedUntil), { dateStyle: "short", timeStyle: "short" });
  return (
    <div role="status" className="flex items-center gap-2 border-b bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
      <BotOff aria-hidden className="size-4 shrink-0" />
      <span className="flex-1">{t("pausedUntil", { until })}</span>
      <Button type="button" size="sm" variant="outline" disabled={pending} onClick={resume}>
        {t("resume")}
      </Button>
    </div>
  );
}
