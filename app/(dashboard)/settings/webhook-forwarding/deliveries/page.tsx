import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DeliveriesTable, DeliveryFilter } from "@/components/settings/forwarding-deliveries";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isDeliveryStatus } from "@/lib/forwarding/delivery-statuses";
import { listDeliveries } from "@/lib/forwarding/deliveries";

export async function generateMetadata() {
  const t = await getTranslations("forwarding.deliveries");
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const BASE = "/settings/webhook-forwarding/deliveries";

function href(values: Record<string, string | undefined>): string {
  const entries = Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return entries.length ? `${BASE}?${new URLSearchParams(entries)}` : BASE;
}

/** Admins only (settings): the workspace's forwarding deliveries, newest first, filtered by status through the URL. */
export default async function WebhookDeliveriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requirePagePermission("settings:view");
  const params = await searchParams;
  const status = isDeliveryStatus(params.status) ? params.status : undefined;
  const cursor = typeof params.cursor === "string" ? params.cursor.slice(0, 200) : undefined;
  const db = getDb();
  const page = await listDeliveries(db, member.workspaceId, { status, cursor }).catch((error: unknown) => {
    // A hand-edited cursor: start over from the first page instead of failing.
    if (error instanceof AppError && error.code === "bad_request:cursor") return listDeliveries(db, member.workspaceId, { status });
    throw error;
  });
  const t = await getTranslations("forwarding");
  return (
    <Card data-wide>
      <CardHeader>
        <CardTitle>
          <h2>{t("deliveries.title")}</h2>
        </CardTitle>
        <CardDescription>{t("deliveries.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Link href="/settings/webhook-forwarding" className="text-sm underline-offset-4 hover:underline">
          {t("deliveries.back")}
        </Link>
        <DeliveryFilter status={status} />
        <DeliveriesTable items={page.items} />
        {(cursor || page.nextCursor) && (
          <nav className="flex flex-wrap gap-2">
            {cursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={href({ status })}>{t("deliveries.firstPage")}</Link>
              </Button>
            )}
            {page.nextCursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={href({ status, cursor: page.nextCursor })}>{t("deliveries.nextPage")}</Link>
              </Button>
            )}
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
