"use client";

import { ArrowLeft, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  type HeaderMedia,
  mediaHeaderFormat,
  parseComponents,
  PARAM_MAX_LENGTH,
  renderTemplate,
  templateParameters,
  type TemplateParameter,
  type TemplateValues,
  valueProblems,
} from "@/lib/templates/model";
import type { TemplateListItem } from "@/lib/templates/queries";
import { useObjectUrl } from "@/components/inbox/files/use-object-url";
import { HeaderMediaField } from "./header-media-field";
import { TemplatePreview } from "./template-preview";

export type TemplateSubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> };

type Props = {
  template: TemplateListItem;
  /** The customer's name, offered for body variables ("use contact's name"); null when unknown. */
  contactName: string | null;
  onBack: () => void;
  /** Sends the values; field errors come back keyed as the server names them (`params.body:1`, `headerMedia`). */
  onSubmit: (values: TemplateValues) => Promise<TemplateSubmitResult>;
};

/**
 * The values of one template's parameters, with a live preview of the
 * message as the customer will see it. Knows nothing of a chat: the composer
 * and a "new conversation" screen both hand it what to do on submit.
 */
export function TemplateForm({ template, contactName, onBack, onSubmit }: Props) {
  const t = useTranslations("templates.form");
  const v = useTranslations("validation");
  const parsed = useMemo(() => parseComponents(template.components), [template.components]);
  const parameters = useMemo(() => templateParameters(parsed, template.parameterFormat), [parsed, template.parameterFormat]);
  const mediaFormat = mediaHeaderFormat(parsed);
  const [params, setParams] = useState<Record<string, string>>({});
  const [useName, setUseName] = useState<Record<string, boolean>>({});
  const [headerMedia, setHeaderMedia] = useState<HeaderMedia | null>(null);
  const [headerFile, setHeaderFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const headerImageUrl = useObjectUrl(headerFile);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const formId = useId();

  const effective: Record<string, string> = { ...params };
  for (const p of parameters) if (useName[p.key] && contactName) effective[p.key] = contactName;
  const values: TemplateValues = { params: effective, headerMedia };
  const rendered = renderTemplate(parsed, values, { placeholders: true });

  /** A field's error goes once the agent changes it; the form checks again on Send. */
  function clearError(key: string) {
    setErrors((current) => {
      if (!(key in current) && !current.body && !current.header) return current;
      const { [key]: _gone, body: _body, header: _header, ...rest } = current;
      return rest;
    });
  }

  function submit() {
    const problems = valueProblems(parsed, template.parameterFormat, values);
    if (Object.keys(problems).length) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, v(problem)])));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await onSubmit(values);
      if (!result.ok && result.fieldErrors) {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([key, text]) => [key.replace(/^params\./, ""), text])));
      }
    });
  }

  function label(p: TemplateParameter): string {
    if (p.component === "header") return t("headerVariable", { name: p.name });
    if (p.component === "button") return t("buttonVariable", { button: parsed.buttons[p.buttonIndex ?? 0]?.text ?? "" });
    return t("bodyVariable", { name: p.name });
  }

  return (
    <div className="grid min-w-0 gap-4 md:grid-cols-2">
      <form
        id={formId}
        noValidate
        className="grid min-w-0 content-start gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="text-sm">
          <span className="font-medium break-all">{template.name}</span> <span className="font-mono text-xs text-muted-foreground">{template.language}</span>
        </p>
        {mediaFormat && (
          <HeaderMediaField
            format={mediaFormat}
            onChange={(media) => {
              setHeaderMedia(media);
              clearError("headerMedia");
            }}
            onFile={setHeaderFile}
            onUploadingChange={setUploading}
            error={errors.headerMedia}
          />
        )}
        {parameters.length === 0 && !mediaFormat && <p className="text-sm text-muted-foreground">{t("noVariables")}</p>}
        {parameters.map((p) => {
          const id = `${formId}-${p.key}`;
          const error = errors[p.key];
          const named = Boolean(useName[p.key] && contactName);
          return (
            <div key={p.key} className="grid gap-1.5">
              <Label htmlFor={id}>{label(p)}</Label>
              <Input
                id={id}
                value={named ? (contactName ?? "") : (params[p.key] ?? "")}
                onChange={(event) => {
                  setParams((current) => ({ ...current, [p.key]: event.target.value }));
                  clearError(p.key);
                }}
                disabled={named}
                maxLength={PARAM_MAX_LENGTH}
                placeholder={p.example ? t("example", { example: p.example }) : undefined}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              {p.component === "body" && contactName && (
                <label className="flex items-center gap-2 text-xs text-muted-foreground">
                  <input
                    type="checkbox"
                    checked={Boolean(useName[p.key])}
                    onChange={(event) => {
                      setUseName((current) => ({ ...current, [p.key]: event.target.checked }));
                      clearError(p.key);
                    }}
                  />
                  {t("useContactName", { name: contactName })}
                </label>
              )}
              {error && (
                <p id={`${id}-error`} className="text-xs text-destructive">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        {(errors.body || errors.header) && <p className="text-xs text-destructive">{errors.body ?? errors.header}</p>}
      </form>
      <section aria-label={t("previewLabel")} className="grid min-w-0 content-start gap-1.5">
        <h3 className="text-sm font-medium">{t("preview")}</h3>
        <div className="rounded-lg bg-emerald-50 p-3 dark:bg-emerald-950/40">
          <div className="ml-auto max-w-[90%] rounded-lg bg-background p-2.5 shadow-sm">
            <TemplatePreview rendered={rendered} headerImageUrl={headerImageUrl} />
          </div>
        </div>
      </section>
      {/* Below the preview on a phone too: the agent sees what goes out before pressing Send. */}
      <div className="flex flex-wrap gap-2 md:col-span-2">
        <Button type="button" variant="outline" onClick={onBack} disabled={pending}>
          <ArrowLeft aria-hidden />
          {t("back")}
        </Button>
        <Button type="submit" form={formId} disabled={pending || uploading} aria-busy={pending}>
          <Send aria-hidden />
          {pending ? t("sending") : t("send")}
        </Button>
      </div>
    </div>
  );
}
