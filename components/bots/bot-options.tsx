"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { NativeSelect } from "@/components/ui/native-select";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { BUTTON_TITLE_MAX_LENGTH, BUTTONS_MAX, LIST_ROWS_MAX, ROW_DESCRIPTION_MAX_LENGTH, ROW_TITLE_MAX_LENGTH } from "@/lib/bots/rules/definition";
import type { BotChoice } from "@/lib/bots/rules/manage-queries";
import { newOption, type OptionState } from "./editor-state";
import { HelpWithCounter } from "./field-bits";

type Props = {
  kind: "buttons" | "rows";
  options: OptionState[];
  onChange: (options: OptionState[]) => void;
  bots: BotChoice[];
  errors: Record<string, string>;
};

/**
 * The reply buttons (1–3) or list rows (1–10): each with its title (and a
 * row its description) and the bot it leads to. An option keeps its id for
 * life, so reordering or renaming never misroutes a customer's tap.
 */
export function BotOptions({ kind, options, onChange, bots, errors }: Props) {
  const t = useTranslations("bots.editor");
  const max = kind === "buttons" ? BUTTONS_MAX : LIST_ROWS_MAX;
  const titleMax = kind === "buttons" ? BUTTON_TITLE_MAX_LENGTH : ROW_TITLE_MAX_LENGTH;
  const path = kind === "buttons" ? "reply.buttons" : "reply.rows";
  const set = (index: number, patch: Partial<OptionState>) => onChange(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  const move = (index: number, to: number) => {
    const next = [...options];
    [next[index], next[to]] = [next[to]!, next[index]!];
    onChange(next);
  };
  return (
    <fieldset className="grid min-w-0 gap-3">
      <legend className="mb-1 text-sm font-medium">{kind === "buttons" ? t("buttonsLegend", { max }) : t("rowsLegend", { max })}</legend>
      <ol className="grid gap-3">
        {options.map((option, index) => {
          const id = `bot-${kind}-${index}`;
          const number = index + 1;
          const titleError = errors[`${path}.${index}.title`] ?? errors[`${path}.${index}.id`];
          const nextError = errors[`${path}.${index}.nextBotId`];
          const descriptionError = errors[`${path}.${index}.description`];
          return (
            <li key={option.id} className="grid gap-3 rounded-md border p-3">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium">{kind === "buttons" ? t("buttonNumber", { number }) : t("rowNumber", { number })}</span>
                <span className="flex gap-0.5">
                  <Button type="button" variant="ghost" size="icon" aria-label={t("optionUp", { number })} disabled={index === 0} onClick={() => move(index, index - 1)}>
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button type="button" variant="ghost" size="icon" aria-label={t("optionDown", { number })} disabled={index === options.length - 1} onClick={() => move(index, index + 1)}>
                    <ArrowDown aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={kind === "buttons" ? t("removeButton", { number }) : t("removeRow", { number })}
                    disabled={options.length === 1}
                    onClick={() => onChange(options.filter((_, i) => i !== index))}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </span>
              </div>
              <FormField
                id={`${id}-title`}
                label={kind === "buttons" ? t("buttonTitle", { number }) : t("rowTitle", { number })}
                description={<HelpWithCounter value={option.title} max={titleMax} />}
                error={titleError}
              >
                <Input {...fieldAria(`${id}-title`, titleError, true)} value={option.title} maxLength={titleMax} onChange={(e) => set(index, { title: e.target.value })} />
              </FormField>
              {kind === "rows" && (
                <FormField
                  id={`${id}-description`}
                  label={t("rowDescription", { number })}
                  description={<HelpWithCounter help={t("optional")} value={option.description} max={ROW_DESCRIPTION_MAX_LENGTH} />}
                  error={descriptionError}
                >
                  <Input
                    {...fieldAria(`${id}-description`, descriptionError, true)}
                    value={option.description}
                    maxLength={ROW_DESCRIPTION_MAX_LENGTH}
                    onChange={(e) => set(index, { description: e.target.value })}
                  />
                </FormField>
              )}
              <FormField id={`${id}-next`} label={kind === "buttons" ? t("buttonLeadsTo", { number }) : t("rowLeadsTo", { number })} error={nextError}>
                <NativeSelect
                  {...fieldAria(`${id}-next`, nextError)}
                  className="h-10"
                  value={option.nextBotId ?? ""}
                  onChange={(e) => set(index, { nextBotId: e.target.value || null })}
                >
                  <option value="">{t("leadsNowhere")}</option>
                  {/* A bot deleted since the page loaded: keep the value visible until it is changed. */}
                  {option.nextBotId && !bots.some((b) => b.id === option.nextBotId) && <option value={option.nextBotId}>{t("unknownBot")}</option>}
                  {bots.map((bot) => (
                    <option key={bot.id} value={bot.id}>
                      {bot.name}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            </li>
          );
        })}
      </ol>
      {errors[path] && (
        <p role="alert" className="text-sm text-destructive">
          {errors[path]}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" disabled={options.length >= max} onClick={() => onChange([...options, newOption()])}>
          <Plus aria-hidden />
          {kind === "buttons" ? t("addButton") : t("addRow")}
        </Button>
        <span className="text-xs text-muted-foreground">{t("optionsCount", { count: options.length, max })}</span>
      </div>
    </fieldset>
  );
}
