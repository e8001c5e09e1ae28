"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
// Types only from the settings module: it reaches the database code, which must stay out of the browser bundle.
import { LEAD_STATUSES } from "@/lib/leads/types";
import type { AutoLeadSettings } from "@/lib/settings/auto-lead";
import { SettingSwitch } from "./setting-switch";
import { useSaveSection } from "./use-save-section";

type SourceOption = { id: string; name: string; systemKey: string | null };
type MemberOption = { userId: string; name: string };

// "Not set" (null) travels as a sentinel option value.
const NONE = "none";

export function AutoLeadForm({ initial, sources, members }: { initial: AutoLeadSettings; sources: SourceOption[]; members: MemberOption[] }) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  const { save, errors, pending } = useSaveSection("auto-lead");
  const [values, setValues] = useState(initial);
  const set = <K extends keyof AutoLeadSettings>(key: K, value: AutoLeadSettings[K]) => setValues((v) => ({ ...v, [key]: value }));
  const sourceLabel = (source: SourceOption) => (source.systemKey ? t(`leadSources.system.${source.systemKey}`) : source.name);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save(values);
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("sections.auto-lead.title")}</h2>
          </CardTitle>
          <CardDescription>{t("sections.auto-lead.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <SettingSwitch
            id="auto-lead-enabled"
            label={t("autoLead.enabled")}
            help={t("autoLead.enabledHelp")}
            checked={values.enabled}
            onCheckedChange={(checked) => set("enabled", checked)}
            error={errors.enabled}
          />
          <FormField id="auto-lead-status" label={t("autoLead.status")} description={t("autoLead.statusHelp")} error={errors.status}>
            <NativeSelect value={values.status} onChange={({ target: { value } }) => set("status", value as AutoLeadSettings["status"])} required {...fieldAria("auto-lead-status", errors.status, true)} aria-required className="w-full max-w-sm">
              {LEAD_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`autoLead.statuses.${status}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="auto-lead-source" label={t("autoLead.source")} description={t("autoLead.sourceHelp")} error={errors.sourceId}>
            <NativeSelect value={values.sourceId ?? NONE} onChange={({ target: { value } }) => set("sourceId", value === NONE ? null : value)} {...fieldAria("auto-lead-source", errors.sourceId, true)} className="w-full max-w-sm">
              <option value={NONE}>{t("autoLead.sourceDefault")}</option>
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {sourceLabel(source)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="auto-lead-assignee" label={t("autoLead.assignee")} description={t("autoLead.assigneeHelp")} error={errors.assigneeUserId}>
            <NativeSelect value={values.assigneeUserId ?? NONE} onChange={({ target: { value } }) => set("assigneeUserId", value === NONE ? null : value)} {...fieldAria("auto-lead-assignee", errors.assigneeUserId, true)} className="w-full max-w-sm">
              <option value={NONE}>{t("autoLead.nobody")}</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {values.assigneeUserId === null && (
            <FormField
              id="auto-lead-unassigned"
              label={t("autoLead.unassignedMode")}
              description={t("autoLead.unassignedModeHelp")}
              error={errors.unassignedMode}
            >
              <NativeSelect value={values.unassignedMode} onChange={({ target: { value } }) => set("unassignedMode", value as AutoLeadSettings["unassignedMode"])} {...fieldAria("auto-lead-unassigned", errors.unassignedMode, true)} className="w-full max-w-sm">
                <option value="none">{t("autoLead.unassignedModes.none")}</option>
                <option value="round_robin">{t("autoLead.unassignedModes.round_robin")}</option>
              </NativeSelect>
            </FormField>
          )}
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={pending}>
            {pending ? tCommon("saving") : tCommon("save")}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
