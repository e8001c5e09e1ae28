"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { login } from "@/app/(auth)/login/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations("login");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await login({ email: String(form.get("email")), password: String(form.get("password")), next });
      // On success the action redirects; reaching here means it was refused.
      if (result && !result.ok) {
        setError(result.fieldErrors ? null : result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <FormField id="email" label={t("email")} error={fieldErrors.email}>
        <Input {...fieldAria("email", fieldErrors.email)} name="email" type="email" autoComplete="username" required />
      </FormField>
      <FormField id="password" label={t("password")} error={fieldErrors.password}>
        <Input {...fieldAria("password", fieldErrors.password)} name="password" type="password" autoComplete="current-password" required />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
