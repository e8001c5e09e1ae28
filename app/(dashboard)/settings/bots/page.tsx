import Link from "next/link";
import { Plus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { BotsList } from "@/components/bots/bots-list";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { listBots } from "@/lib/bots/rules/manage";
import { getDb } from "@/lib/db/client";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.bots");
  return { title: t("title") };
}

/** Admins only (settings): the workspace's message bots, in the order they are tried. */
export default async function BotsSettingsPage() {
  const member = await requirePagePermission("settings:manage");
  const [bots, section, t] = await Promise.all([listBots(getDb(), member), getTranslations("settings.sections.bots"), getTranslations("bots.list")]);
  return (
    <Card data-wide>
      <CardHeader>
        <CardTitle>
          <h2>{section("title")}</h2>
        </CardTitle>
        <CardDescription>{section("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div>
          <Button asChild>
            <Link href="/settings/bots/new">
              <Plus aria-hidden />
              {t("new")}
            </Link>
          </Button>
        </div>
        <BotsList bots={bots} />
      </CardContent>
    </Card>
  );
}
