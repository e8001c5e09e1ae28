"use client";

import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

/** A labelled toggle with its help text and field error, as every settings section uses them. */
export function SettingSwitch(props: {
  id: string;
  label: string;
  help: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  error?: string;
}) {
  const describedBy = [`${props.id}-help`, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-3">
      <Switch id={props.id} checked={props.checked} onCheckedChange={props.onCheckedChange} aria-describedby={describedBy} aria-invalid={props.error ? true : undefined} />
      <div className="grid min-w-0 gap-1.5 break-words">
        <Label htmlFor={props.id}>{props.label}</Label>
        <p id={`${props.id}-help`} className="text-sm text-muted-foreground">
          {props.help}
        </p>
        {props.error ? (
          <p id={`${props.id}-error`} role="alert" className="text-sm text-destructive">
            {props.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
