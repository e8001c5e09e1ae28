"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** A read-only value the admin pastes elsewhere (Meta's dashboard, a cron service), with a copy button. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <FormField id={id} label={label}>
      <div className="flex gap-2">
        <Input id={id} value={value} readOnly className="font-mono text-xs" />
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label={`${t("copy")}: ${label}`}
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </Button>
      </div>
    </FormField>
  );
}
