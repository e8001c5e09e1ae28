import { getTranslations } from "next-intl/server";
import { QuickRepliesManager } from "@/components/quick-replies/quick-replies-manager";
import { VariablesHelp } from "@/components/quick-replies/quick-reply-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listQuickReplies } from "@/lib/quick-replies/queries";

export async function generateMetadata() {
  const t = await getTranslations("quickReplies");
  return { title: t("title") };
}

export default async function QuickRepliesPage() {
  const member = await requirePagePermission("quick_replies:use");
  const [{ workspace, own }, t] = await Promise.all([listQuickReplies(getDb(), member), getTranslations("quickReplies")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 p-4 sm:p-6">
        <p className="max-w-3xl text-sm text-muted-foreground">
          <VariablesHelp />
        </p>
        <QuickRepliesManager workspace={workspace} own={own} canManageWorkspace={can(member, "quick_replies:manage")} />
      </div>
    </>
  );
}
