"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { sendTestEventAction } from "@/app/(dashboard)/settings/webhook-forwarding/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { WebhookForwardingSettings } from "@/lib/forwarding/settings";
import type { TestEventResult } from "@/lib/forwarding/test-event";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

type Props = { initial: WebhookForwardingSettings; secretMask: string | null };

type TestOutcome = { tone: "ok" | "error"; text: string; body?: string };

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export function WebhookForwardingForm({ initial, secretMask }: Props) {
  const t = useTranslations("forwarding");
  const tSections = useTranslations("settings.sections");
  const { save, errors, pending } = useSaveSection("webhook-forwarding");
  const [values, setValues] = useState(initial);
  const [revealSecret, setRevealSecret] = useState(false);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [testing, startTest] = useTransition();
  const set = <K extends keyof WebhookForwardingSettings>(key: K, value: WebhookForwardingSettings[K]) => setValues((v) => ({ ...v, [key]: value }));

  function describe(result: TestEventResult): TestOutcome {
    if (result.ok) {
      return {
        tone: result.status >= 200 && result.status < 300 ? "ok" : "error",
        text: t("testAnswered", { status: result.status, ms: result.durationMs }),
        body: result.body,
      };
    }
    return { tone: "error", text: t(`errors.${result.reason}`) };
  }

  function sendTest() {
    startTest(async () => {
      const result = await sendTestEventAction({ method: values.method, url: values.url, secret: values.secret });
      if (result.ok) return setTest(describe(result.data));
      setTest({ tone: "error", text: result.fieldErrors?.url ? `${t("url")}: ${result.fieldErrors.url}` : result.error });
    });
  }

  return (
    <div className="flex flex-col gap-6">
      <SettingsFormCard
        title={tSections("webhook-forwarding.title")}
        description={tSections("webhook-forwarding.description")}
        pending={pending}
        onSave={() =>
          save(values, () => {
            setValues((v) => ({ ...v, secret: "" }));
            setRevealSecret(false);
          })
        }
        extraActions={
          <>
            <Button type="button" variant="outline" disabled={testing} onClick={sendTest} aria-describedby="forwarding-test-help">
              {testing ? t("sendingTest") : t("sendTest")}
            </Button>
            <Button asChild variant="link">
              <Link href="/settings/webhook-forwarding/deliveries">{t("viewDeliveries")}</Link>
            </Button>
          </>
        }
      >
        <SettingSwitch
          id="forwarding-enabled"
          label={t("enabled")}
          help={t("enabledHelp")}
          checked={values.enabled}
          onCheckedChange={(checked) => set("enabled", checked)}
          error={errors.enabled}
        />
        <FormField id="forwarding-method" label={t("method")} description={t("methodHelp")} error={errors.method}>
          <NativeSelect value={values.method} onChange={({ target: { value } }) => set("method", value as WebhookForwardingSettings["method"])} {...fieldAria("forwarding-method", errors.method, true)} className="w-full max-w-sm">
            <option value="POST">{t("methods.POST")}</option>
            <option value="GET">{t("methods.GET")}</option>
          </NativeSelect>
        </FormField>
        <FormField id="forwarding-url" label={t("url")} description={t("urlHelp")} error={errors.url}>
          <Input
            {...fieldAria("forwarding-url", errors.url, true)}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder={t("urlPlaceholder")}
            value={values.url}
            onChange={(event) => set("url", event.target.value)}
          />
        </FormField>
        <FormField
          id="forwarding-secret"
          label={t("secret")}
          description={`${t("secretHelp")} ${revealSecret ? t("secretGenerated") : secretMask ? t("secretStored", { mask: secretMask }) : t("secretMissing")}`}
          error={errors.secret}
        >
          <div className="flex flex-wrap gap-2">
            <Input
              {...fieldAria("forwarding-secret", errors.secret, true)}
              name="secret"
              type={revealSecret ? "text" : "password"}
              autoComplete="new-password"
              className="min-w-0 flex-1"
              value={values.secret}
              onChange={(event) => {
                set("secret", event.target.value);
                setRevealSecret(false);
              }}
            />
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                set("secret", generateSecret());
                setRevealSecret(true);
              }}
            >
              {t("generateSecret")}
            </Button>
          </div>
        </FormField>
        <p id="forwarding-test-help" className="text-sm text-muted-foreground">
          {t("testHelp")}
        </p>
      </SettingsFormCard>

      {test && (
        <Alert variant={test.tone === "ok" ? "default" : "destructive"} aria-live="polite">
          <AlertDescription className="grid gap-2">
            <p>{test.text}</p>
            {test.body !== undefined && (
              <figure className="grid gap-1">
                <figcaption className="text-xs font-medium">{t("testBody")}</figcaption>
                <pre aria-label={t("testBody")} className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 font-mono text-xs text-foreground">
                  {test.body || t("testBodyEmpty")}
                </pre>
              </figure>
            )}
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
