import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SyncTemplatesButton } from "@/components/templates/sync-templates-button";
import { TemplatesTable } from "@/components/templates/templates-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTemplates, TEMPLATE_SEARCH_MAX_LENGTH, templatesSyncedAt } from "@/lib/templates/queries";

export async function generateMetadata() {
  const t = await getTranslations("settings.sections.templates");
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Admins only (settings): the WhatsApp message templates read from Meta, searchable by name, and "Sync templates". */
export default async function TemplatesSettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requirePagePermission("settings:view");
  const params = await searchParams;
  const search = typeof params.q === "string" ? params.q.slice(0, TEMPLATE_SEARCH_MAX_LENGTH) : "";
  const db = getDb();
  const [items, syncedAt] = await Promise.all([listTemplates(db, member.workspaceId, { search }), templatesSyncedAt(db, member.workspaceId)]);
  const t = await getTranslations("templates.settings");
  const section = await getTranslations("settings.sections.templates");
  const format = await getFormatter();
  return (
    <Card data-wide>
      <CardHeader>
        <CardTitle>
          <h2>{section("title")}</h2>
        </CardTitle>
        <CardDescription>{section("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <SyncTemplatesButton />
          <p className="text-sm text-muted-foreground">
            {syncedAt ? t("lastSynced", { time: format.dateTime(syncedAt, { dateStyle: "short", timeStyle: "short" }) }) : t("neverSynced")}
          </p>
        </div>
        <form role="search" action="/settings/templates" className="flex flex-wrap items-end gap-2">
          <div className="grid min-w-0 flex-1 gap-1.5">
            <Label htmlFor="templates-search">{t("searchLabel")}</Label>
            <Input id="templates-search" name="q" type="search" defaultValue={search} maxLength={TEMPLATE_SEARCH_MAX_LENGTH} placeholder={t("searchPlaceholder")} />
          </div>
          <Button type="submit" variant="outline">
            {t("search")}
          </Button>
          {search && (
            <Button asChild variant="ghost">
              <Link href="/settings/templates">{t("clearSearch")}</Link>
            </Button>
          )}
        </form>
        {items.length ? (
          <TemplatesTable items={items} />
        ) : (
          <p className="text-sm text-muted-foreground">{search ? t("noMatch", { search }) : t("empty")}</p>
        )}
      </CardContent>
    </Card>
  );
}
