"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldAria, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { AI_MODELS, type AiModelId } from "@/lib/ai/models";
import { ASSISTANT_DELAY_MAX_SECONDS, ASSISTANT_FOOTER_MAX, ASSISTANT_INSTRUCTIONS_MAX } from "@/lib/bots/assistant-limits";
import type { AssistantSettings } from "@/lib/bots/assistant-settings";
import { KEYWORD_MAX_LENGTH } from "@/lib/bots/keywords";
import { KeywordTags } from "./keyword-tags";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

// "The AI integration's model" (null) travels as a sentinel option value.
const INTEGRATION_MODEL = "integration";

export function AiAssistantForm({ initial, integrationModel }: { initial: AssistantSettings; integrationModel: AiModelId }) {
  const t = useTranslations("settings");
  const { save, errors, pending } = useSaveSection("ai-assistant");
  const [values, setValues] = useState(initial);
  const [delay, setDelay] = useState(String(initial.delaySeconds));
  const set = <K extends keyof AssistantSettings>(key: K, value: AssistantSettings[K]) => setValues((v) => ({ ...v, [key]: value }));
  const modelName = (id: AiModelId) => t(`sections.ai-integration.models.${AI_MODELS.find((m) => m.id === id)!.key}.name`);

  return (
    <SettingsFormCard
      title={t("sections.ai-assistant.title")}
      description={t("sections.ai-assistant.description")}
      pending={pending}
      onSave={() => save({ ...values, delaySeconds: delay.trim() === "" ? Number.NaN : Number(delay) })}
    >
      <SettingSwitch
        id="assistant-enabled"
        label={t("aiAssistant.enabled")}
        help={t("aiAssistant.enabledHelp")}
        checked={values.enabled}
        onCheckedChange={(checked) => set("enabled", checked)}
        error={errors.enabled}
      />
      <FormField id="assistant-instructions" label={t("aiAssistant.instructions")} description={t("aiAssistant.instructionsHelp")} error={errors.instructions}>
        <Textarea
          {...fieldAria("assistant-instructions", errors.instructions, true)}
          rows={6}
          maxLength={ASSISTANT_INSTRUCTIONS_MAX}
          value={values.instructions}
          onChange={(e) => set("instructions", e.target.value)}
        />
      </FormField>
      <FormField id="assistant-stop-keywords" label={t("aiAssistant.stopKeywords")} description={t("aiAssistant.stopKeywordsHelp")} error={errors.stopKeywords}>
        <KeywordTags
          id="assistant-stop-keywords"
          value={values.stopKeywords}
          onChange={(next) => set("stopKeywords", next)}
          maxLength={KEYWORD_MAX_LENGTH}
          error={errors.stopKeywords}
          hasDescription
        />
      </FormField>
      <FormField id="assistant-footer" label={t("aiAssistant.footer")} description={t("aiAssistant.footerHelp")} error={errors.footer}>
        <Input
          {...fieldAria("assistant-footer", errors.footer, true)}
          required
          maxLength={ASSISTANT_FOOTER_MAX}
          value={values.footer}
          onChange={(e) => set("footer", e.target.value)}
        />
      </FormField>
      <FormField id="assistant-delay" label={t("aiAssistant.delay")} description={t("aiAssistant.delayHelp")} error={errors.delaySeconds}>
        <Input
          {...fieldAria("assistant-delay", errors.delaySeconds, true)}
          required
          type="number"
          inputMode="numeric"
          min={0}
          max={ASSISTANT_DELAY_MAX_SECONDS}
          step={1}
          className="max-w-32"
          value={delay}
          onChange={(e) => setDelay(e.target.value)}
        />
      </FormField>
      <FormField id="assistant-model" label={t("aiAssistant.model")} description={t("aiAssistant.modelHelp")} error={errors.model}>
        <NativeSelect value={values.model ?? INTEGRATION_MODEL} onChange={({ target: { value } }) => set("model", value === INTEGRATION_MODEL ? null : (value as AiModelId))} id="assistant-model" aria-describedby="assistant-model-description" className="w-full max-w-sm">
          <option value={INTEGRATION_MODEL}>{t("aiAssistant.integrationModel", { name: modelName(integrationModel) })}</option>
          {AI_MODELS.map((model) => (
            <option key={model.id} value={model.id}>
              {modelName(model.id)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </SettingsFormCard>
  );
}
