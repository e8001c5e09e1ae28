"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** A live "12/20" under a field limited by WhatsApp; red once past the limit. */
export function Counter({ value, max }: { value: string; max: number }) {
  const t = useTranslations("bots.editor");
  const over = value.length > max;
  return (
    <span className={cn("text-xs tabular-nums", over ? "text-destructive" : "text-muted-foreground")}>{t("counter", { count: value.length, max })}</span>
  );
}

/** A field's description with its counter on the right. */
export function HelpWithCounter({ help, value, max }: { help?: React.ReactNode; value: string; max: number }) {
  return (
    <span className="flex flex-wrap items-start justify-between gap-x-3">
      <span className="min-w-0 flex-1">{help}</span>
      <Counter value={value} max={max} />
    </span>
  );
}

/** One choice among a few, each with its explanation: native radios, so phones and screen readers know them. */
export function RadioCards<T extends string>(props: {
  name: string;
  legend: string;
  value: T;
  options: readonly { value: T; label: string; help?: React.ReactNode }[];
  onChange: (value: T) => void;
  error?: string;
  columns?: string;
}) {
  return (
    <fieldset className="grid min-w-0 gap-2" aria-invalid={props.error ? true : undefined}>
      <legend className={cn("mb-2 text-sm font-medium", props.error && "text-destructive")}>{props.legend}</legend>
      <div className={cn("grid gap-2", props.columns)}>
        {props.options.map((option) => (
          <label
            key={option.value}
            className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50"
          >
            <input
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              className="mt-0.5 size-4 shrink-0 accent-primary"
            />
            <span className="grid min-w-0 gap-0.5">
              <span className="font-medium">{option.label}</span>
              {option.help && <span className="text-xs break-words text-muted-foreground">{option.help}</span>}
            </span>
          </label>
        ))}
      </div>
      {props.error && (
        <p role="alert" className="text-sm text-destructive">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
