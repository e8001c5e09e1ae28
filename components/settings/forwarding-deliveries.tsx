import { getFormatter, getTranslations } from "next-intl/server";
import { NativeSelect } from "@/components/leads/native-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeliveryStatus } from "@/lib/db/schema";
import type { DeliveryListItem } from "@/lib/forwarding/deliveries";
import { DELIVERY_STATUSES } from "@/lib/forwarding/delivery-statuses";
import { isKnownMessageType } from "@/lib/inbox/message-types";
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
        <NativeSelect id="delivery-status" name="status" defaultValue={status ?? ""} className="w-48">
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

export async function DeliveriesTable({ items }: { items: DeliveryListItem[] }) {
  const t = await getTranslations("forwarding");
  const tType = await getTranslations("messageTypes");
  const format = await getFormatter();
  const typeLabel = (type: string) => (isKnownMessageType(type) ? tType(type) : tType("other", { type }));
  const when = (iso: string | null) =>
    iso ? <time dateTime={iso}>{format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" })}</time> : "—";

  /** The error's leading code is translated; the technical detail after it is shown as is. */
  function lastAnswer(item: DeliveryListItem) {
    const [, code, detail] = /^(\w+): (.*)$/s.exec(item.lastError ?? "") ?? [];
    const status = item.lastStatusCode !== null ? t("deliveries.httpStatus", { status: item.lastStatusCode }) : null;
    if (!item.lastError) return status ?? "—";
    const reason = code && ERROR_CODES.has(code) ? t(`errors.${code}`) : item.lastError;
    return (
      <div className="grid gap-0.5">
        {status && <span className="font-medium">{status}</span>}
        <span>{reason}</span>
        {code && ERROR_CODES.has(code) && code !== "http_status" && detail ? (
          <span className="break-all text-xs text-muted-foreground">{detail}</span>
        ) : null}
      </div>
    );
  }

  if (!items.length) return <p className="text-sm text-muted-foreground">{t("deliveries.empty")}</p>;
  return (
    <Table>
      <TableCaption className="sr-only">{t("deliveries.table")}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("deliveries.columns.received")}</TableHead>
          <TableHead>{t("deliveries.columns.message")}</TableHead>
          <TableHead>{t("deliveries.columns.status")}</TableHead>
          <TableHead className="text-right">{t("deliveries.columns.attempts")}</TableHead>
          <TableHead>{t("deliveries.columns.lastAnswer")}</TableHead>
          <TableHead>{t("deliveries.columns.nextAttempt")}</TableHead>
          <TableHead>{t("deliveries.columns.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const sender = item.message ? (item.message.senderName ?? item.message.senderWaId ?? "") : "";
          return (
            <TableRow key={item.id}>
              <TableCell className="whitespace-nowrap">{when(item.createdAt)}</TableCell>
              <TableCell>
                {item.message ? (
                  <div className="grid gap-0.5">
                    <span>{sender}</span>
                    <span className="text-xs text-muted-foreground">
                      {typeLabel(item.message.type)}
                      {item.message.senderName && item.message.senderWaId ? ` · ${item.message.senderWaId}` : ""}
                    </span>
                  </div>
                ) : (
                  <span className="text-muted-foreground">{t("deliveries.deletedMessage")}</span>
                )}
              </TableCell>
              <TableCell>
                <Badge variant={BADGE[item.status]}>{t(`deliveries.statuses.${item.status}`)}</Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">{format.number(item.attempts)}</TableCell>
              <TableCell className="max-w-xs text-sm">{lastAnswer(item)}</TableCell>
              <TableCell className="whitespace-nowrap">{item.status === "delivered" || item.status === "failed" ? "—" : when(item.nextAttemptAt)}</TableCell>
              <TableCell>
                {item.status === "failed" ? (
                  <RetryDeliveryButton deliveryId={item.id} label={t("deliveries.retryLabel", { sender: sender || t("deliveries.deletedMessage") })} />
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
