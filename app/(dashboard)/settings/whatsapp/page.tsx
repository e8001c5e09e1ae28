import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { WhatsappChannelForm } from "@/components/settings/whatsapp-channel-form";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicBaseUrl } from "@/lib/http/public-url";
import { getChannelForForm } from "@/lib/whatsapp/channel";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.whatsapp");
  return { title: t("title") };
}

export default async function WhatsappSettingsPage() {
  const member = await requirePagePermission("settings:view");
  const [channel, baseUrl, t] = await Promise.all([getChannelForForm(getDb(), member.workspaceId), publicBaseUrl(), getTranslations("deadLetters")]);
  return (
    <div className="flex flex-col gap-6">
      <WhatsappChannelForm
        initial={channel}
        callbackUrl={`${baseUrl}/api/whatsapp/webhook`}
        verifyToken={env().WHATSAPP_VERIFY_TOKEN}
      />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("title")}</h2>
          </CardTitle>
          <CardDescription>{t("linkDescription")}</CardDescription>
          <Link href="/settings/whatsapp/dead-letters" className="text-sm font-medium underline underline-offset-4">
            {t("view")}
          </Link>
        </CardHeader>
      </Card>
    </div>
  );
}
