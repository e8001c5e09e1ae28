import { getTranslations } from "next-intl/server";
import { WhatsappChannelForm } from "@/components/settings/whatsapp-channel-form";
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
  const [channel, baseUrl] = await Promise.all([getChannelForForm(getDb(), member.workspaceId), publicBaseUrl()]);
  return (
    <WhatsappChannelForm
      initial={channel}
      callbackUrl={`${baseUrl}/api/whatsapp/webhook`}
      verifyToken={env().WHATSAPP_VERIFY_TOKEN}
    />
  );
}
