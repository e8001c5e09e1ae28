import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

export default async function InboxPage() {
  await requirePagePermission("inbox:use");
  const t = await getTranslations("inbox");
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="flex flex-1 items-center justify-center p-8">
        <p className="max-w-md text-center text-muted-foreground">{t("empty")}</p>
      </div>
    </>
  );
}
