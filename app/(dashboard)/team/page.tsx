import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { AddAgentDialog } from "@/components/team/add-agent-dialog";
import { MembersTable } from "@/components/team/members-table";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listMembers } from "@/lib/team/members";

export async function generateMetadata() {
  const t = await getTranslations("team");
  return { title: t("title") };
}

export default async function TeamPage() {
  const member = await requirePagePermission("team:view");
  const [members, t] = await Promise.all([listMembers(getDb(), member.workspaceId), getTranslations("team")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<AddAgentDialog />} />
      <div className="p-4 sm:p-6">
        <MembersTable
          currentUserId={member.userId}
          members={members.map(({ createdAt: _createdAt, ...rest }) => rest)}
        />
      </div>
    </>
  );
}
