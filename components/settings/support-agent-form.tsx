"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import type { SupportAgentSettings } from "@/lib/settings/support-agent";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

export function SupportAgentForm({ initial }: { initial: SupportAgentSettings }) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("support-agent");
  const [values, setValues] = useState(initial);
  const set = <K extends keyof SupportAgentSettings>(key: K, value: SupportAgentSettings[K]) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <SettingsFormCard
      title={t("sections.support-agent.title")}
      description={t("sections.support-agent.description")}
      pending={pending}
      onSave={() => save(values)}
    >
          <SettingSwitch
            id="support-agent-restrict"
            label={t("supportAgent.restrict")}
            help={t("supportAgent.restrictHelp")}
            checked={values.restrictToAssigned}
            onCheckedChange={(checked) => set("restrictToAssigned", checked)}
            error={errors.restrictToAssigned}
          />
          <SettingSwitch
            id="support-agent-auto"
            label={t("supportAgent.autoAssign")}
            help={t("supportAgent.autoAssignHelp")}
            checked={values.autoAssign}
            onCheckedChange={(checked) => set("autoAssign", checked)}
            error={errors.autoAssign}
          />
          <FormField id="support-agent-method" label={t("supportAgent.method")} description={t("supportAgent.methodHelp")} error={errors.method}>
            <NativeSelect value={values.method} onChange={({ target: { value } }) => set("method", value as SupportAgentSettings["method"])} disabled={!values.autoAssign} id="support-agent-method" aria-describedby="support-agent-method-description" className="w-full max-w-sm">
              <option value="round_robin">{t("supportAgent.methods.round_robin")}</option>
              <option value="least_open">{t("supportAgent.methods.least_open")}</option>
            </NativeSelect>
          </FormField>
    </SettingsFormCard>
  );
}
