"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { LeadStatus } from "@/lib/db/schema";
import { LEAD_OUTCOMES, LEAD_STATUSES, type LeadDetail, type LeadOutcome } from "@/lib/leads/types";
import { NativeSelect } from "@/components/ui/native-select";
import { useSaveLead } from "./use-save-lead";

export type SourceOption = { id: string; name: string; systemKey: string | null };

type Props = {
  lead: LeadDetail;
  sources: SourceOption[];
  /** Present for admins only: who the lead may be handed to. */
  members: { userId: string; name: string }[] | null;
};

/** Status, outcome, source and assignee save as soon as they change; value and notes on their own Save buttons. */
export function LeadFields({ lead, sources, members }: Props) {
  const t = useTranslations();
  const d = (key: string, values?: Record<string, string>) => t(`leads.detail.${key}`, values);
  const { save, pending, errors } = useSaveLead(lead.id);
  const [value, setValue] = useState(lead.value?.replace(".", ",") ?? "");
  const [notes, setNotes] = useState(lead.notes ?? "");
  const disabled = !lead.mayEdit || pending;
  const sourceName = (s: SourceOption) => (s.systemKey ? t(`settings.leadSources.system.${s.systemKey}` as never) : s.name);
  const currentSourceListed = !lead.source || sources.some((s) => s.id === lead.source!.id);

  return (
    <section aria-labelledby="lead-fields-title" className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2">
      <h2 id="lead-fields-title" className="text-base font-semibold sm:col-span-2">
        {d("fields")}
      </h2>
      <FormField id="lead-status" label={d("status")} error={errors.status}>
        <NativeSelect {...fieldAria("lead-status", errors.status)} value={lead.status} disabled={disabled} onChange={(e) => save({ status: e.target.value as LeadStatus })}>
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`leads.status.${status}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {lead.status === "closed" && (
        <FormField id="lead-outcome" label={d("outcome")} error={errors.outcome}>
          <NativeSelect
            {...fieldAria("lead-outcome", errors.outcome)}
            value={lead.outcome ?? ""}
            disabled={disabled}
            onChange={(e) => save({ outcome: (e.target.value || null) as LeadOutcome | null })}
          >
            <option value="">{t("leads.outcome.none")}</option>
            {LEAD_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`leads.outcome.${outcome}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      <FormField id="lead-source" label={d("source")} error={errors.sourceId}>
        <NativeSelect {...fieldAria("lead-source", errors.sourceId)} value={lead.source?.id ?? ""} disabled={disabled} onChange={(e) => e.target.value && save({ sourceId: e.target.value })}>
          {!lead.source && <option value="">{t("leads.noSource")}</option>}
          {/* An archived source is no longer offered, but the lead still shows the one it has. */}
          {!currentSourceListed && lead.source && <option value={lead.source.id}>{t("leads.archivedSource", { name: sourceName(lead.source) })}</option>}
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {sourceName(s)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {members && (
        <FormField id="lead-assignee" label={d("assignee")} error={errors.assigneeUserId}>
          <NativeSelect
            {...fieldAria("lead-assignee", errors.assigneeUserId)}
            value={lead.assignee?.id ?? ""}
            disabled={disabled}
            onChange={(e) => save({ assigneeUserId: e.target.value || null })}
          >
            <option value="">{t("leads.unassigned")}</option>
            {lead.assignee && !members.some((m) => m.userId === lead.assignee!.id) && <option value={lead.assignee.id}>{lead.assignee.name}</option>}
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      <form
        className="flex items-end gap-2 sm:col-span-2"
        onSubmit={(e) => {
          e.preventDefault();
          save({ value: value.trim() || null });
        }}
      >
        <FormField id="lead-value" label={d("value")} description={d("valueHelp")} error={errors.value} className="flex-1">
          <Input {...fieldAria("lead-value", errors.value, true)} inputMode="decimal" value={value} disabled={!lead.mayEdit} onChange={(e) => setValue(e.target.value)} />
        </FormField>
        <Button type="submit" variant="outline" disabled={disabled} aria-label={d("saveValue")} className="mb-7">
          {d("save")}
        </Button>
      </form>
      <form
        className="grid gap-2 sm:col-span-2"
        onSubmit={(e) => {
          e.preventDefault();
          save({ notes });
        }}
      >
        <FormField id="lead-notes" label={d("notes")} error={errors.notes}>
          <Textarea {...fieldAria("lead-notes", errors.notes)} rows={5} value={notes} disabled={!lead.mayEdit} onChange={(e) => setNotes(e.target.value)} />
        </FormField>
        <Button type="submit" variant="outline" disabled={disabled} aria-label={d("saveNotes")} className="justify-self-start">
          {d("save")}
        </Button>
      </form>
    </section>
  );
}
