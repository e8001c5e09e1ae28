"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { runChatCleanupAction } from "@/app/(dashboard)/settings/chat-cleanup/actions";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type Outcome = { status: "completed" | "partial"; messagesDeleted: number; conversationsDeleted: number };

/** "Run cleanup now": asks first (nothing can bring the messages back), then shows progress and what was deleted. */
export function ChatCleanupRun({ days }: { days: number }) {
  const t = useTranslations("settings.chatCleanup");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const summary = (o: Outcome) => t("result", { messages: o.messagesDeleted, chats: o.conversationsDeleted });

  function run() {
    startTransition(async () => {
      const result = await runChatCleanupAction({});
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      if (result.data.status === "busy") {
        toast.info(t("busy"));
        return;
      }
      setOutcome(result.data);
      toast.success(summary(result.data));
      router.refresh();
    });
  }

  return (
    <Card aria-labelledby="chat-cleanup-run-title">
      <CardHeader>
        <CardTitle>
          <h2 id="chat-cleanup-run-title">{t("runTitle")}</h2>
        </CardTitle>
        <CardDescription>{t("runDescription", { days })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3" aria-busy={pending}>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button type="button" variant="destructive" className="w-fit" disabled={pending} aria-busy={pending}>
              {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
              {pending ? t("running") : t("run")}
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{t("confirmTitle")}</AlertDialogTitle>
              <AlertDialogDescription>{t("confirmDescription", { days })}</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>{tCommon("cancel")}</AlertDialogCancel>
              <AlertDialogAction className={buttonVariants({ variant: "destructive" })} onClick={run}>
                {t("confirm")}
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
        <p role="status" className="text-sm">
          {outcome ? summary(outcome) : null}
          {outcome?.status === "partial" ? ` ${t("resultPartial")}` : null}
        </p>
      </CardContent>
    </Card>
  );
}
