import { getLocale } from "next-intl/server";
import { QueryProvider } from "@/components/data/query-provider";
import { AssignmentToaster } from "@/components/notifications/assignment-toaster";
import { NotificationSoundPlayer } from "@/components/notifications/notification-sound-player";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { SettingsRefresh } from "@/components/realtime/settings-refresh";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { browserRealtimeConfig } from "@/lib/realtime/config";
import { notificationSoundSection } from "@/lib/settings/notification-sound";
import { getSettings } from "@/lib/settings/stored-section";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const [locale, sound] = await Promise.all([getLocale(), getSettings(getDb(), member.workspaceId, notificationSoundSection)]);
  return (
    <RealtimeProvider config={browserRealtimeConfig()} workspaceId={member.workspaceId} userId={member.userId} isAdmin={member.role === "admin"}>
      <QueryProvider>
        <div className="flex min-h-dvh flex-col md:flex-row">
          <AppSidebar
            member={{ name: member.name, email: member.email, availability: member.availability, workspaceName: member.workspaceName }}
            locale={locale}
            showAdmin={can(member, "team:view")}
          />
          <main className="flex min-w-0 flex-1 flex-col">{children}</main>
        </div>
        <NotificationSoundPlayer initialEnabled={sound.enabled} userId={member.userId} />
        <AssignmentToaster initialSoundEnabled={sound.enabled} userId={member.userId} />
        <SettingsRefresh />
      </QueryProvider>
    </RealtimeProvider>
  );
}
