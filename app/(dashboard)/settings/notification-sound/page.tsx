import { getTranslations } from "next-intl/server";
import { NotificationSoundForm } from "@/components/settings/notification-sound-form";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { notificationSoundSection } from "@/lib/settings/notification-sound";
import { getSettingsForForm } from "@/lib/settings/stored-section";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.notification-sound");
  return { title: t("title") };
}

export default async function NotificationSoundSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const { values } = await getSettingsForForm(getDb(), member.workspaceId, notificationSoundSection);
  return <NotificationSoundForm initial={values} />;
}
