"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { TemplatePicker } from "@/components/templates/template-picker";
import { TemplateStatusBadge } from "@/components/templates/template-status-badge";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { mediaHeaderFormat, PARAM_MAX_LENGTH, parseComponents, templateParameters, type TemplateParameter } from "@/lib/templates/model";
import type { TemplateListItem } from "@/lib/templates/queries";
import { isSendable } from "@/lib/templates/statuses";
import type { EditorState } from "./editor-state";

type Value = EditorState["template"];

/**
 * A template reply: the template (the composer's picker: approved ones can be
 * chosen, the others are shown with their status) and the values of its
 * parameters, sent as typed. A media header takes a public
 * https link, which Meta fetches on each send.
 */
export function BotTemplateReply({ value, onChange, templates, errors }: { value: Value; onChange: (value: Value) => void; templates: TemplateListItem[]; errors: Record<string, string> }) {
  const t = useTranslations("bots.editor");
  const tf = useTranslations("templates.form");
  const template = templates.find((item) => item.id === value.templateId) ?? null;
  const parsed = useMemo(() => (template ? parseComponents(template.components) : null), [template]);
  const parameters = useMemo(() => (template && parsed ? templateParameters(parsed, template.parameterFormat) : []), [template, parsed]);
  const mediaFormat = parsed ? mediaHeaderFormat(parsed) : null;

  if (!template) {
    return (
      <div className="grid gap-2">
        {value.templateId && <p className="text-sm text-destructive">{t("templateGone")}</p>}
        {errors["reply.templateId"] && (
          <p role="alert" className="text-sm text-destructive">
            {errors["reply.templateId"]}
          </p>
        )}
        <TemplatePicker templates={templates} onChoose={(chosen) => onChange({ templateId: chosen.id, params: {}, headerLink: "" })} />
      </div>
    );
  }

  const label = (p: TemplateParameter) =>
    p.component === "header" ? tf("headerVariable", { name: p.name }) : p.component === "button" ? tf("buttonVariable", { button: parsed?.buttons[p.buttonIndex ?? 0]?.text ?? "" }) : tf("bodyVariable", { name: p.name });

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2 rounded-md border p-3">
        <span className="min-w-0 flex-1">
          <span className="font-medium break-all">{template.name}</span> <span className="font-mono text-xs text-muted-foreground">{template.language}</span>
        </span>
        {!isSendable(template.status) && <TemplateStatusBadge status={template.status} />}
        <Button type="button" variant="outline" size="sm" onClick={() => onChange({ templateId: null, params: {}, headerLink: "" })}>
          {t("changeTemplate")}
        </Button>
      </div>
      {errors["reply.templateId"] && (
        <p role="alert" className="text-sm text-destructive">
          {errors["reply.templateId"]}
        </p>
      )}
      {mediaFormat && (
        <FormField id="bot-template-header" label={tf(`media.${mediaFormat.toLowerCase() as "image" | "video" | "document"}`)} description={tf("mediaHelp")} error={errors["reply.headerLink"]}>
          <Input
            {...fieldAria("bot-template-header", errors["reply.headerLink"], true)}
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={2000}
            value={value.headerLink}
            onChange={(event) => onChange({ ...value, headerLink: event.target.value })}
          />
        </FormField>
      )}
      {parameters.length === 0 && !mediaFormat && <p className="text-sm text-muted-foreground">{tf("noVariables")}</p>}
      {parameters.map((p) => {
        const id = `bot-template-${p.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
        const error = errors[`reply.params.${p.key}`];
        return (
          <FormField key={p.key} id={id} label={label(p)} error={error}>
            <Input
                {...fieldAria(id, error)}
                value={value.params[p.key] ?? ""}
                maxLength={PARAM_MAX_LENGTH}
                placeholder={p.example ? tf("example", { example: p.example }) : undefined}
                onChange={(event) => onChange({ ...value, params: { ...value.params, [p.key]: event.target.value } })}
              />
          </FormField>
        );
      })}
      {errors["reply.params"] && (
        <p role="alert" className="text-sm text-destructive">
          {errors["reply.params"]}
        </p>
      )}
    </div>
  );
}
