"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldAria, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { StopBotSettings } from "@/lib/bots/stop-bot-settings";
import { KEYWORD_MAX_LENGTH } from "@/lib/bots/keywords";
import { KeywordTags } from "./keyword-tags";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

export function StopBotForm({ initial }: { initial: StopBotSettings }) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("stop-bot");
  const [keywords, setKeywords] = useState(initial.keywords);
  const [hours, setHours] = useState(String(initial.restartAfterHours));

  return (
    <SettingsFormCard
      title={t("sections.stop-bot.title")}
      description={t("sections.stop-bot.description")}
      pending={pending}
      onSave={() => save({ keywords, restartAfterHours: hours.trim() === "" ? Number.NaN : Number(hours) })}
    >
      <FormField id="stop-bot-keywords" label={t("stopBot.keywords")} description={t("stopBot.keywordsHelp")} error={errors.keywords}>
        <KeywordTags id="stop-bot-keywords" value={keywords} onChange={setKeywords} maxLength={KEYWORD_MAX_LENGTH} error={errors.keywords} hasDescription />
      </FormField>
      <FormField id="stop-bot-hours" label={t("stopBot.restartAfterHours")} description={t("stopBot.restartAfterHoursHelp")} error={errors.restartAfterHours}>
        <Input
          {...fieldAria("stop-bot-hours", errors.restartAfterHours, true)}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={1}
          className="max-w-32"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
      </FormField>
    </SettingsFormCard>
  );
}
