"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LEAD_TAG_MAX_LENGTH } from "@/lib/leads/types";
import { useSaveLead } from "./use-save-lead";

/** Adding or removing a tag saves the whole list at once; the server trims and removes duplicates. */
export function LeadTags({ leadId, tags, mayEdit }: { leadId: string; tags: string[]; mayEdit: boolean }) {
  const t = useTranslations("leads.detail");
  const { save, pending, errors } = useSaveLead(leadId);
  const [draft, setDraft] = useState("");

  return (
    <section aria-labelledby="lead-tags-title" className="grid gap-3 rounded-lg border p-4">
      <h2 id="lead-tags-title" className="text-base font-semibold">
        {t("tags")}
      </h2>
      {tags.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noTags")}</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li key={tag}>
              <Badge variant="outline" className="gap-1 pr-1">
                {tag}
                {mayEdit && (
                  <button
                    type="button"
                    aria-label={t("removeTag", { tag })}
                    disabled={pending}
                    onClick={() => save({ tags: tags.filter((other) => other !== tag) })}
                    className="rounded-sm p-0.5 hover:bg-accent"
                  >
                    <X aria-hidden className="size-3" />
                  </button>
                )}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {mayEdit && (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) save({ tags: [...tags, draft.trim()] }, () => setDraft(""));
          }}
        >
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="lead-new-tag">{t("newTag")}</Label>
            <Input
              id="lead-new-tag"
              value={draft}
              maxLength={LEAD_TAG_MAX_LENGTH}
              aria-invalid={errors.tags ? true : undefined}
              aria-describedby={errors.tags ? "lead-new-tag-error" : undefined}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <Button type="submit" variant="outline" disabled={pending || !draft.trim()}>
            {t("addTag")}
          </Button>
        </form>
      )}
      {errors.tags && (
        <p id="lead-new-tag-error" role="alert" className="text-sm text-destructive">
          {errors.tags}
        </p>
      )}
    </section>
  );
}
