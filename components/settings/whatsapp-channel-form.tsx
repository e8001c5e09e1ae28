"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { testWhatsappConnectionAction } from "@/app/(dashboard)/settings/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ChannelForForm, ConnectionTestResult } from "@/lib/whatsapp/channel";
import { CopyField } from "./copy-field";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

type Props = { initial: ChannelForForm; callbackUrl: string; verifyToken: string };

export function WhatsappChannelForm({ initial, callbackUrl, verifyToken }: Props) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("whatsapp");
  const [values, setValues] = useState(initial.values);
  const [test, setTest] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [testing, startTest] = useTransition();

  const bind = (name: keyof typeof values, hasDescription = true) => ({
    ...fieldAria(`whatsapp-${name}`, errors[name], hasDescription),
    name,
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: event.target.value })),
  });

  function describe(result: ConnectionTestResult): { tone: "ok" | "error"; text: string } {
    if (result.ok) {
      return { tone: "ok", text: result.verifiedName ? t("whatsapp.testOk", { name: result.verifiedName }) : t("whatsapp.testOkNoName") };
    }
    if (result.reason === "graph_error") return { tone: "error", text: t("whatsapp.testFailed", { message: result.message ?? "" }) };
    if (result.reason === "timeout") return { tone: "error", text: t("whatsapp.testTimeout") };
    if (result.reason === "network") return { tone: "error", text: t("whatsapp.testNetwork") };
    return { tone: "error", text: t("whatsapp.testNotConfigured") };
  }

  return (
    <div className="flex flex-col gap-6">
      <SettingsFormCard
        title={t("sections.whatsapp.title")}
        description={t("sections.whatsapp.description")}
        pending={pending}
        onSave={() => save(values, () => setValues((v) => ({ ...v, accessToken: "" })))}
      >
            <FormField id="whatsapp-phoneNumberId" label={t("whatsapp.phoneNumberId")} description={t("whatsapp.phoneNumberIdHelp")} error={errors.phoneNumberId}>
              <Input {...bind("phoneNumberId")} inputMode="numeric" autoComplete="off" />
            </FormField>
            <FormField id="whatsapp-wabaId" label={t("whatsapp.wabaId")} error={errors.wabaId}>
              <Input {...bind("wabaId", false)} inputMode="numeric" autoComplete="off" />
            </FormField>
            <FormField id="whatsapp-displayPhoneNumber" label={t("whatsapp.displayPhoneNumber")} description={t("whatsapp.displayPhoneNumberHelp")} error={errors.displayPhoneNumber}>
              <Input {...bind("displayPhoneNumber")} type="tel" autoComplete="off" />
            </FormField>
            <FormField
              id="whatsapp-accessToken"
              label={t("whatsapp.accessToken")}
              description={`${t("whatsapp.accessTokenHelp")} ${
                initial.masks.accessToken ? t("whatsapp.accessTokenStored", { mask: initial.masks.accessToken }) : t("whatsapp.accessTokenMissing")
              }`}
              error={errors.accessToken}
            >
              <Input {...bind("accessToken")} type="password" autoComplete="new-password" />
            </FormField>
      </SettingsFormCard>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("whatsapp.webhookTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("whatsapp.webhookDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <CopyField id="whatsapp-callbackUrl" label={t("whatsapp.callbackUrl")} value={callbackUrl} />
          <CopyField id="whatsapp-verifyToken" label={t("whatsapp.verifyToken")} value={verifyToken} />
        </CardContent>
        <CardFooter className="flex flex-col items-start gap-3">
          <Button
            type="button"
            variant="outline"
            disabled={testing}
            onClick={() =>
              startTest(async () => {
                const result = await testWhatsappConnectionAction({});
                setTest(result.ok ? describe(result.data) : { tone: "error", text: result.error });
              })
            }
          >
            {testing ? t("whatsapp.testing") : t("whatsapp.testConnection")}
          </Button>
          {test && (
            <Alert variant={test.tone === "ok" ? "default" : "destructive"} aria-live="polite">
              <AlertDescription>{test.text}</AlertDescription>
            </Alert>
          )}
        </CardFooter>
      </Card>
    </div>
  );
}
