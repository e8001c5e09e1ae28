"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ChatCleanupSettings } from "@/lib/retention/settings";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

export function ChatCleanupForm({ initial }: { initial: ChatCleanupSettings }) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("chat-cleanup");
  const [enabled, setEnabled] = useState(initial.enabled);
  // Kept as typed: the server's schema says what is wrong with "", "0" or "1.5".
  const [days, setDays] = useState(String(initial.days));

  return (
    <SettingsFormCard
      title={t("sections.chat-cleanup.title")}
      description={t("sections.chat-cleanup.description")}
      pending={pending}
      onSave={() => save({ enabled, days: days.trim() === "" ? Number.NaN : Number(days) })}
    >
      <SettingSwitch
        id="chat-cleanup-enabled"
        label={t("chatCleanup.enabled")}
        help={t("chatCleanup.enabledHelp")}
        checked={enabled}
        onCheckedChange={setEnabled}
        error={errors.enabled}
      />
      <FormField id="chat-cleanup-days" label={t("chatCleanup.days")} description={t("chatCleanup.daysHelp")} error={errors.days}>
        <Input
          id="chat-cleanup-days"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          className="w-32"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-invalid={errors.days ? true : undefined}
          aria-describedby={["chat-cleanup-days-description", errors.days ? "chat-cleanup-days-error" : null].filter(Boolean).join(" ")}
        />
      </FormField>
      <p className="text-sm text-muted-foreground">{t("chatCleanup.keptNote")}</p>
    </SettingsFormCard>
  );
}
