import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DeadLetterList } from "@/components/settings/dead-letters";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listDeadLetters } from "@/lib/inbox/dead-letters";

export async function generateMetadata() {
  const t = await getTranslations("deadLetters");
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const BASE = "/settings/whatsapp/dead-letters";

/** Admins only (settings): what WhatsApp delivered that could not be stored as it came, newest first. */
export default async function DeadLettersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requirePagePermission("settings:view");
  const params = await searchParams;
  const cursor = typeof params.cursor === "string" ? params.cursor.slice(0, 200) : undefined;
  const db = getDb();
  const page = await listDeadLetters(db, member.workspaceId, { cursor }).catch((error: unknown) => {
    // A hand-edited cursor: start over from the first page instead of failing.
    if (error instanceof AppError && error.code === "bad_request:cursor") return listDeadLetters(db, member.workspaceId);
    throw error;
  });
  const t = await getTranslations("deadLetters");
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Link href="/settings/whatsapp" className="text-sm underline-offset-4 hover:underline">
          {t("back")}
        </Link>
        <DeadLetterList items={page.items} />
        {(cursor || page.nextCursor) && (
          <nav aria-label={t("pages")} className="flex gap-2">
            {cursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={BASE}>{t("firstPage")}</Link>
              </Button>
            )}
            {page.nextCursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={`${BASE}?${new URLSearchParams({ cursor: page.nextCursor })}`}>{t("nextPage")}</Link>
              </Button>
            )}
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
