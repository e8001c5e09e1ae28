"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Props = {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  maxLength: number;
  error?: string;
  hasDescription?: boolean;
};

/**
 * Keywords as removable tags: typing a word and pressing Enter (or a comma)
 * adds it; a repeat, ignoring case, is not added twice. The server trims and
 * removes repeats again, ignoring accents too.
 */
export function KeywordTags({ id, value, onChange, maxLength, error, hasDescription }: Props) {
  const t = useTranslations("settings.keywords");
  const [draft, setDraft] = useState("");

  function add() {
    const word = draft.trim();
    if (word && !value.some((k) => k.toLocaleLowerCase() === word.toLocaleLowerCase())) onChange([...value, word]);
    setDraft("");
  }

  return (
    <div className="grid gap-2">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("list")}>
          {value.map((keyword) => (
            <li key={keyword}>
              <Badge variant="secondary" className="gap-1 pr-1">
                {keyword}
                <button type="button" aria-label={t("remove", { keyword })} onClick={() => onChange(value.filter((k) => k !== keyword))} className="rounded-sm p-0.5 hover:bg-accent">
                  <X aria-hidden className="size-3" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <Input
        {...fieldAria(id, error, hasDescription)}
        value={draft}
        maxLength={maxLength}
        placeholder={t("placeholder")}
        className="max-w-sm"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === ",") {
            e.preventDefault();
            add();
          } else if (e.key === "Backspace" && !draft && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
      />
    </div>
  );
}
