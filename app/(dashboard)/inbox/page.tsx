import { MessagesSquare } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/** The chat pane before a conversation is picked (on small screens only the list shows). */
export default async function InboxPage() {
  await requirePagePermission("inbox:use");
  const t = await getTranslations("inbox");
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-muted/30 p-8 text-center">
      <MessagesSquare aria-hidden className="size-10 text-muted-foreground" />
      <p className="text-lg font-medium">{t("selectConversation")}</p>
      <p className="max-w-sm text-sm text-muted-foreground">{t("selectConversationHint")}</p>
    </div>
  );
}
