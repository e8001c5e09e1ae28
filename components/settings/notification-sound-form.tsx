"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { playAlertSound, unlockAudio } from "@/components/notifications/alert-sound";
import { Button } from "@/components/ui/button";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

type Props = { initial: { enabled: boolean } };

export function NotificationSoundForm({ initial }: Props) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("notification-sound");
  const [enabled, setEnabled] = useState(initial.enabled);

  async function playTest() {
    // The click is the user gesture browsers require before a page may play sound.
    if (!(await unlockAudio())) {
      toast.error(t("notificationSound.testBlocked"));
      return;
    }
    await playAlertSound().catch(() => toast.error(t("notificationSound.testBlocked")));
  }

  return (
    <SettingsFormCard
      title={t("sections.notification-sound.title")}
      description={t("sections.notification-sound.description")}
      pending={pending}
      onSave={() => save({ enabled })}
      extraActions={
        <Button type="button" variant="outline" onClick={() => void playTest()}>
          {t("notificationSound.playTest")}
        </Button>
      }
    >
      <SettingSwitch
        id="notification-sound-enabled"
        label={t("notificationSound.enabled")}
        help={t("notificationSound.enabledHelp")}
        checked={enabled}
        onCheckedChange={setEnabled}
        error={errors.enabled}
      />
      <p className="text-sm text-muted-foreground">{t("notificationSound.browserHelp")}</p>
    </SettingsFormCard>
  );
}
