"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { retryDeliveryAction } from "@/app/(dashboard)/settings/webhook-forwarding/actions";
import { Button } from "@/components/ui/button";

/** "Retry now" on a failed delivery: queues it again and refreshes the list. */
export function RetryDeliveryButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const t = useTranslations("forwarding.deliveries");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      size="sm"
      variant="outline"
      disabled={pending}
      aria-label={label}
      onClick={() =>
        startTransition(async () => {
          const result = await retryDeliveryAction({ deliveryId });
          if (!result.ok) {
            toast.error(result.error);
            return;
          }
          toast.success(t("retried"));
          router.refresh();
        })
      }
    >
      {t("retry")}
    </Button>
  );
}
