import { getTranslations } from "next-intl/server";
import { BusinessHoursForm } from "@/components/settings/business-hours-form";
import { requirePagePermission } from "@/lib/auth/session";
import { businessHoursSection, isOpenAt } from "@/lib/business-hours/schedule";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/stored-section";
import { timeZoneOptions } from "@/lib/workspaces/time-zone-options";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.business-hours");
  return { title: t("title") };
}

export default async function BusinessHoursSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const hours = await getSettings(getDb(), member.workspaceId, businessHoursSection);
  const now = new Date();
  return (
    <BusinessHoursForm
      initial={{ ...hours, timeZone: member.timeZone }}
      openNow={isOpenAt(hours, member.timeZone, now)}
      timeZones={timeZoneOptions(member.timeZone, now)}
    />
  );
}
