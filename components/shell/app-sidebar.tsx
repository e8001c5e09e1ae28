import { ChartBar, Contact, MessageSquareText, MessagesSquare, Settings, Users } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { RealtimeStatusIndicator } from "@/components/realtime/realtime-status";
import { MobileTopBar } from "./mobile-top-bar";
import { NavLink } from "./nav-link";
import { UserMenu, type UserMenuProps } from "./user-menu";

type Props = { member: UserMenuProps["member"] & { workspaceName: string }; locale: string; showAdmin: boolean };

/**
 * The sidebar on wide screens; on phones the same navigation and account menu
 * open from the top bar's menu button, so a page gets the whole width.
 */
export async function AppSidebar({ member, locale, showAdmin }: Props) {
  const t = await getTranslations();
  const brand = (
    <>
      <p className="text-sm font-semibold text-primary">{t("app.name")}</p>
      <p className="truncate text-xs text-muted-foreground">{member.workspaceName}</p>
    </>
  );
  const nav = (
    <nav aria-label={t("nav.main")} className="flex flex-1 flex-col gap-1 p-2">
      <NavLink href="/inbox" icon={<MessagesSquare aria-hidden />} label={t("nav.inbox")} />
      <NavLink href="/leads" icon={<Contact aria-hidden />} label={t("nav.leads")} />
      <NavLink href="/quick-replies" icon={<MessageSquareText aria-hidden />} label={t("nav.quickReplies")} />
      {showAdmin && <NavLink href="/team" icon={<Users aria-hidden />} label={t("nav.team")} />}
      {showAdmin && <NavLink href="/reports" icon={<ChartBar aria-hidden />} label={t("nav.reports")} />}
      {showAdmin && <NavLink href="/settings" icon={<Settings aria-hidden />} label={t("nav.settings")} />}
    </nav>
  );
  const account = (
    <div className="border-t p-2">
      <UserMenu member={member} locale={locale} />
    </div>
  );
  return (
    <>
      <aside className="hidden w-60 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground md:flex">
        <div className="border-b px-4 py-3">
          {brand}
          <div className="mt-1.5">
            <RealtimeStatusIndicator />
          </div>
        </div>
        {nav}
        {account}
      </aside>
      <MobileTopBar
        appName={t("app.name")}
        menuLabel={t("nav.openMenu")}
        closeLabel={t("common.close")}
        status={<RealtimeStatusIndicator />}
        menu={
          <>
            <div className="border-b px-4 py-3">{brand}</div>
            {nav}
            {account}
          </>
        }
      />
    </>
  );
}
