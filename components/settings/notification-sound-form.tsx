"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { playAlertSound, unlockAudio } from "@/components/notifications/alert-sound";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useSaveSection } from "./use-save-section";

type Props = { initial: { enabled: boolean } };

export function NotificationSoundForm({ initial }: Props) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
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
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save({ enabled });
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("sections.notification-sound.title")}</h2>
          </CardTitle>
          <CardDescription>{t("sections.notification-sound.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="flex items-start gap-3">
            <Switch
              id="notification-sound-enabled"
              name="enabled"
              checked={enabled}
              onCheckedChange={setEnabled}
              aria-describedby={errors.enabled ? "notification-sound-enabled-help notification-sound-enabled-error" : "notification-sound-enabled-help"}
              aria-invalid={errors.enabled ? true : undefined}
            />
            <div className="grid gap-1.5">
              <Label htmlFor="notification-sound-enabled">{t("notificationSound.enabled")}</Label>
              <p id="notification-sound-enabled-help" className="text-sm text-muted-foreground">
                {t("notificationSound.enabledHelp")}
              </p>
              {errors.enabled ? (
                <p id="notification-sound-enabled-error" role="alert" className="text-sm text-destructive">
                  {errors.enabled}
                </p>
              ) : null}
            </div>
          </div>
          <p className="text-sm text-muted-foreground">{t("notificationSound.browserHelp")}</p>
        </CardContent>
        <CardFooter className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? tCommon("saving") : tCommon("save")}
          </Button>
          <Button type="button" variant="outline" onClick={() => void playTest()}>
            {t("notificationSound.playTest")}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
