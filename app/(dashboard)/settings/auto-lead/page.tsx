import { getTranslations } from "next-intl/server";
import { AutoLeadForm } from "@/components/settings/auto-lead-form";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listSources } from "@/lib/leads/sources";
import { autoLeadSection } from "@/lib/settings/auto-lead";
import { getSettingsForForm } from "@/lib/settings/stored-section";
import { listMembers } from "@/lib/team/members";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.auto-lead");
  return { title: t("title") };
}

export default async function AutoLeadSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const db = getDb();
  const [{ values }, sources, members] = await Promise.all([
    getSettingsForForm(db, member.workspaceId, autoLeadSection),
    listSources(db, member.workspaceId),
    listMembers(db, member.workspaceId),
  ]);
  const activeSources = sources.filter((s) => !s.archived).map(({ id, name, systemKey }) => ({ id, name, systemKey }));
  const activeMembers = members.filter((m) => m.active).map(({ userId, name }) => ({ userId, name }));
  // A source archived or a member deactivated since the last save is ignored by the inbound pipeline, so the form shows "not set" too.
  const initial = {
    ...values,
    sourceId: activeSources.some((s) => s.id === values.sourceId) ? values.sourceId : null,
    assigneeUserId: activeMembers.some((m) => m.userId === values.assigneeUserId) ? values.assigneeUserId : null,
  };
  return <AutoLeadForm initial={initial} sources={activeSources} members={activeMembers} />;
}
