"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
// Browser-safe modules only: lib/ai/settings reaches the database code, so only its type is imported.
import { AI_MODELS, DEFAULT_AI_MODEL } from "@/lib/ai/models";
import type { AiIntegrationSettings } from "@/lib/ai/settings";
import { cn } from "@/lib/utils";
import { SettingSwitch } from "./setting-switch";
import { SettingsFormCard } from "./settings-form-card";
import { useSaveSection } from "./use-save-section";

const OPENAI_API_KEYS_URL = "https://platform.openai.com/api-keys";

type Props = { initial: AiIntegrationSettings; apiKeyMask: string | null };

export function AiIntegrationForm({ initial, apiKeyMask }: Props) {
  const t = useTranslations("settings.sections.ai-integration");
  const { save, errors, pending } = useSaveSection("ai-integration");
  const [values, setValues] = useState(initial);
  const set = <K extends keyof AiIntegrationSettings>(key: K, value: AiIntegrationSettings[K]) => setValues((v) => ({ ...v, [key]: value }));
  const modelError = errors.model;

  return (
    <SettingsFormCard
      title={t("title")}
      description={t("description")}
      pending={pending}
      // The typed key is cleared once saved: the form never holds the stored secret.
      onSave={() => save(values, () => set("apiKey", ""))}
    >
      <SettingSwitch
        id="ai-enabled"
        label={t("enabled")}
        help={t("enabledHelp")}
        checked={values.enabled}
        onCheckedChange={(checked) => set("enabled", checked)}
        error={errors.enabled}
      />
      <FormField
        id="ai-apiKey"
        label={t("apiKey")}
        description={
          <>
            {t.rich("apiKeyHelp", {
              link: (chunks) => (
                <a href={OPENAI_API_KEYS_URL} target="_blank" rel="noopener noreferrer" className="font-medium text-primary underline underline-offset-4">
                  {chunks}
                </a>
              ),
              newTab: (chunks) => <span className="sr-only">{chunks}</span>,
            })}{" "}
            {apiKeyMask ? t("apiKeyStored", { mask: apiKeyMask }) : t("apiKeyMissing")}
          </>
        }
        error={errors.apiKey}
      >
        <Input
          {...fieldAria("ai-apiKey", errors.apiKey, true)}
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk-…"
          value={values.apiKey}
          onChange={(event) => set("apiKey", event.target.value)}
        />
      </FormField>
      <fieldset className="grid gap-2" aria-describedby={["ai-model-help", modelError ? "ai-model-error" : null].filter(Boolean).join(" ")} aria-invalid={modelError ? true : undefined}>
        <legend className={cn("mb-2 text-sm font-medium", modelError && "text-destructive")}>{t("model")}</legend>
        <p id="ai-model-help" className="text-sm text-muted-foreground">
          {t("modelHelp")}
        </p>
        <div className="grid gap-1">
          {AI_MODELS.map((model) => {
            const id = `ai-model-${model.key}`;
            const name = t(`models.${model.key}.name`);
            return (
              <label key={model.id} htmlFor={id} className="flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-accent/50">
                <input
                  id={id}
                  type="radio"
                  name="model"
                  value={model.id}
                  checked={values.model === model.id}
                  onChange={() => set("model", model.id)}
                  // Named by the model's name alone; the description is read as its description.
                  aria-labelledby={`${id}-name`}
                  aria-describedby={`${id}-description`}
                  className="mt-1 accent-primary"
                />
                <span className="grid gap-0.5">
                  <span id={`${id}-name`} className="text-sm font-medium">{model.id === DEFAULT_AI_MODEL ? t("recommended", { name }) : name}</span>
                  <span id={`${id}-description`} className="text-sm text-muted-foreground">
                    {t(`models.${model.key}.description`)}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {modelError ? (
          <p id="ai-model-error" role="alert" className="text-sm text-destructive">
            {modelError}
          </p>
        ) : null}
      </fieldset>
    </SettingsFormCard>
  );
}
