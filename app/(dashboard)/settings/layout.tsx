import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requirePagePermission } from "@/lib/auth/session";
import { SETTINGS_SECTIONS } from "@/lib/composition/settings-sections";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("settings:view");
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="flex flex-1 flex-col gap-4 p-4 sm:p-6 md:flex-row md:gap-6">
        <SettingsNav
          label={t("sectionsNav")}
          pickerLabel={t("sectionPicker")}
          items={SETTINGS_SECTIONS.map((key) => ({ href: `/settings/${key}`, label: t(`sections.${key}.title`) }))}
        />
        {/* A form reads best narrow; a page marked data-wide (a table) takes the room a desktop has. */}
        <div className="min-w-0 max-w-3xl flex-1 has-[[data-wide]]:max-w-5xl">{children}</div>
      </div>
    </>
  );
}
