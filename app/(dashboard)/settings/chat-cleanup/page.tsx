import { getTranslations } from "next-intl/server";
import { ChatCleanupForm } from "@/components/settings/chat-cleanup-form";
import { ChatCleanupRun } from "@/components/settings/chat-cleanup-run";
import { ChatCleanupRuns } from "@/components/settings/chat-cleanup-runs";
import { CopyField } from "@/components/settings/copy-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/http/public-url";
import { listCleanupRuns } from "@/lib/retention/runs";
import { chatCleanupSection } from "@/lib/retention/settings";
import { getSettingsForForm } from "@/lib/settings/stored-section";

// "Run cleanup now" is a server action of this page and runs in its function: its 50 s budget must fit.
export const maxDuration = 60;

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.chat-cleanup");
  return { title: t("title") };
}

export default async function ChatCleanupSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const db = getDb();
  const [{ values }, runs, baseUrl, t] = await Promise.all([
    getSettingsForForm(db, member.workspaceId, chatCleanupSection),
    listCleanupRuns(db, member.workspaceId),
    publicBaseUrl(),
    getTranslations("settings.chatCleanup"),
  ]);
  return (
    // minmax(0, 1fr): the runs table scrolls inside its box instead of widening every card to its width on a phone.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <ChatCleanupForm initial={values} />
      <ChatCleanupRun days={values.days} />
      <ChatCleanupRuns runs={runs.map((run) => ({ ...run, startedAt: run.startedAt.toISOString() }))} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("scheduleTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("scheduleDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="text-sm font-medium">{values.enabled ? t("scheduleOn") : t("scheduleOff")}</p>
          <CopyField id="chat-cleanup-cron-route" label={t("cronRoute")} value={`${baseUrl}/api/cron/cleanup`} />
          <CopyField id="chat-cleanup-cron-header" label={t("cronHeader")} value="Authorization: Bearer $CRON_SECRET" />
        </CardContent>
      </Card>
    </div>
  );
}
