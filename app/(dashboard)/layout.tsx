import { getLocale } from "next-intl/server";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const locale = await getLocale();
  return (
    <div className="flex min-h-dvh">
      <AppSidebar
        member={{ name: member.name, email: member.email, availability: member.availability, workspaceName: member.workspaceName }}
        locale={locale}
        showAdmin={can(member, "team:view")}
      />
      <main className="flex min-w-0 flex-1 flex-col">{children}</main>
    </div>
  );
}
