import { getFormatter, getTranslations } from "next-intl/server";
import { NativeSelect } from "@/components/ui/native-select";
import { formatPhone } from "@/components/inbox/contact-format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardTable } from "@/components/ui/card-table";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeliveryStatus } from "@/lib/db/schema";
import type { DeliveryListItem } from "@/lib/forwarding/deliveries";
import { DELIVERY_STATUSES } from "@/lib/forwarding/delivery-statuses";
import { isKnownMessageType } from "@/lib/inbox/message-types";
import { cn } from "@/lib/utils";
import { RetryDeliveryButton } from "./retry-delivery-button";

const ERROR_CODES = new Set([
  "http_status", "redirect", "timeout", "network", "private_address", "protocol", "invalid_url", "forwarding_disabled", "message_deleted", "delivery_missing",
]);

const BADGE: Record<DeliveryStatus, "default" | "secondary" | "destructive" | "outline"> = {
  pending: "outline",
  delivered: "secondary",
  retrying: "outline",
  failed: "destructive",
};

/** A GET form: the status filter lives in the URL, so a filtered list survives a reload. */
export async function DeliveryFilter({ status }: { status?: DeliveryStatus }) {
  const t = await getTranslations("forwarding.deliveries");
  return (
    <form method="get" action="/settings/webhook-forwarding/deliveries" className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="delivery-status">{t("filter")}</Label>
        <NativeSelect id="delivery-status" name="status" defaultValue={status ?? ""} className="w-48 max-sm:h-10">
          <option value="">{t("all")}</option>
          {DELIVERY_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`statuses.${value}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline" size="sm">
        {t("apply")}
      </Button>
    </form>
  );
}

/**
 * A table when its box has room (from 42rem: a desktop's settings column),
 * else one card per delivery. Attempts and the next attempt sit under the
 * status, so the table fits the settings column of a 1280 px screen.
 */
export async function DeliveriesTable({ items }: { items: DeliveryListItem[] }) {
  const t = await getTranslations("forwarding");
  const tType = await getTranslations("messageTypes");
  const format = await getFormatter();
  const typeLabel = (type: string) => (isKnownMessageType(type) ? tType(type) : tType("other", { type }));
  const when = (iso: string) => (
    <time dateTime={iso} className="grid @max-2xl:flex @max-2xl:flex-wrap @max-2xl:gap-x-1.5">
      <span>{format.dateTime(new Date(iso), { dateStyle: "short" })}</span>
      <span>{format.dateTime(new Date(iso), { timeStyle: "medium" })}</span>
    </time>
  );

  /** The error's leading code is translated; the technical detail after it is shown as is. */
  function lastAnswer(item: DeliveryListItem) {
    const [, code, detail] = /^(\w+): (.*)$/s.exec(item.lastError ?? "") ?? [];
    const status = item.lastStatusCode !== null ? t("deliveries.httpStatus", { status: item.lastStatusCode }) : null;
    if (!item.lastError) return status ?? "—";
    const reason = code && ERROR_CODES.has(code) ? t(`errors.${code}`) : item.lastError;
    return (
      <div className="grid gap-0.5">
        {status && <span className="font-medium">{status}</span>}
        <span className="break-words">{reason}</span>
        {code && ERROR_CODES.has(code) && code !== "http_status" && detail ? (
          <span className="break-all text-xs text-muted-foreground">{detail}</span>
        ) : null}
      </div>
    );
  }

  if (!items.length) return <p className="text-sm text-muted-foreground">{t("deliveries.empty")}</p>;
  const cell = cn(cardTable.cell, cardTable.labelled, "align-top");
  return (
    <div className={cardTable.container}>
      <Table className={cardTable.table}>
        <TableCaption className="sr-only">{t("deliveries.table")}</TableCaption>
        <TableHeader className={cardTable.header}>
          <TableRow>
            <TableHead>{t("deliveries.columns.received")}</TableHead>
            <TableHead>{t("deliveries.columns.message")}</TableHead>
            <TableHead>{t("deliveries.columns.status")}</TableHead>
            <TableHead>{t("deliveries.columns.lastAnswer")}</TableHead>
            <TableHead className="text-right">{t("deliveries.columns.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody className={cardTable.body}>
          {items.map((item) => {
            const waId = item.message?.senderWaId ?? null;
            const sender = item.message ? (item.message.senderName ?? (waId ? formatPhone(waId) : "")) : "";
            const waiting = item.status === "pending" || item.status === "retrying";
            return (
              <TableRow key={item.id} className={cardTable.row}>
                <TableCell data-label={t("deliveries.columns.received")} className={cn(cell, "tabular-nums")}>
                  {when(item.createdAt)}
                </TableCell>
                <TableCell className={cn(cardTable.cell, cardTable.full, "min-w-48 align-top whitespace-normal @max-2xl:order-first")}>
                  {item.message ? (
                    <div className="grid gap-0.5">
                      <span className="font-medium break-words">{sender}</span>
                      <span className="text-xs text-muted-foreground">
                        {typeLabel(item.message.type)}
                        {item.message.senderName && waId ? (
                          <>
                            {" · "}
                            <span className="whitespace-nowrap">{formatPhone(waId)}</span>
                          </>
                        ) : null}
                      </span>
                    </div>
                  ) : (
                    <span className="text-muted-foreground">{t("deliveries.deletedMessage")}</span>
                  )}
                </TableCell>
                <TableCell data-label={t("deliveries.columns.status")} className={cell}>
                  <div className="grid justify-items-start gap-1">
                    <Badge variant={BADGE[item.status]}>{t(`deliveries.statuses.${item.status}`)}</Badge>
                    {/* pt's "one" plural covers 0 ("0 tentativa"), so no attempts gets its own words. */}
                    <span className="text-xs text-muted-foreground">
                      {item.attempts === 0 ? t("deliveries.noAttempts") : t("deliveries.attemptsCount", { count: item.attempts })}
                    </span>
                    {waiting && item.nextAttemptAt && (
                      <span className="text-xs text-muted-foreground">
                        {t("deliveries.nextAttemptAt", { time: format.dateTime(new Date(item.nextAttemptAt), { dateStyle: "short", timeStyle: "medium" }) })}
                      </span>
                    )}
                  </div>
                </TableCell>
                <TableCell data-label={t("deliveries.columns.lastAnswer")} className={cn(cell, cardTable.full, "min-w-40 max-w-72 whitespace-normal text-sm @max-2xl:max-w-none")}>
                  {lastAnswer(item)}
                </TableCell>
                <TableCell className={cn(cardTable.cell, cardTable.full, "align-top text-right")}>
                  {item.status === "failed" ? (
                    <RetryDeliveryButton deliveryId={item.id} label={t("deliveries.retryLabel", { sender: sender || t("deliveries.deletedMessage") })} />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
