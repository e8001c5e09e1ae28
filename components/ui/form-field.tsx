import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

type FieldAria = {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
};

/** ARIA props to spread onto the control rendered inside a `FormField`. */
function fieldAria(id: string, error?: string | null, hasDescription?: boolean): FieldAria {
  const describedBy = [hasDescription ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

type FormFieldProps = {
  id: string;
  label: React.ReactNode;
  description?: React.ReactNode;
  error?: string | null;
  className?: string;
  children: React.ReactNode;
};

function FormField({ id, label, description, error, className, children }: FormFieldProps) {
  return (
    <div data-slot="form-field" data-invalid={error ? true : undefined} className={cn("grid min-w-0 gap-2", className)}>
      <Label htmlFor={id} className={cn(error && "text-destructive")}>
        {label}
      </Label>
      {children}
      {description ? (
        <p id={`${id}-description`} data-slot="form-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} data-slot="form-message" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { FormField, fieldAria };
export type { FormFieldProps, FieldAria };
