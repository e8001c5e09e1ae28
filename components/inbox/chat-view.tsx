"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";
import { toast } from "@/components/ui/toast";
import { markConversationReadAction, retryMessageAction, sendMessageAction } from "@/app/(dashboard)/inbox/actions";
import { loadErrorKey } from "@/components/data/get-json";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ComposerAiOptions } from "@/lib/ai/composer-options";
import type { ChatMessage } from "@/lib/inbox/types";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { contactLabel } from "./contact-format";
import { FileDropZone } from "./files/file-drop-zone";
import { useFileSender } from "./files/use-file-sender";
import { markReadInCache, putMessage, refreshConversation } from "./inbox-cache";
import { MessageLog } from "./message-log";
import { useConversationDetail } from "./use-conversation-detail";
import { TemplateSender } from "./template-sender";
import { useMessages } from "./use-messages";

type Props = { conversationId: string; currentUserId: string; ai?: ComposerAiOptions | null };

/**
 * The open chat. Mounted with key={conversationId}, so switching chats starts
 * from a clean state. Real-time changes reach it through the cache
 * (inbox-live-updates.tsx); what it does itself goes there too, so the list
 * shows the member's own work even without a live connection.
 */
export function ChatView({ conversationId, currentUserId, ai = null }: Props) {
  const t = useTranslations("inbox.chat");
  const client = useQueryClient();
  const { detail, error, retry: retryDetail } = useConversationDetail(conversationId);
  const messages = useMessages(conversationId);
  const files = useFileSender(conversationId, detail?.windowClosesAt ?? null, shown);

  const markRead = useCallback(async () => {
    const result = await markConversationReadAction({ conversationId });
    // A failure only leaves the unread badge up.
    if (result.ok) markReadInCache(client, conversationId);
  }, [client, conversationId]);

  // Opening a chat is reading it.
  useEffect(() => {
    void markRead();
  }, [markRead]);

  useRealtimeEvent("message.created", (event) => {
    if (event.conversationId === conversationId && event.direction === "inbound") void markRead();
  });

  /** A message the action returned goes into the log at once; the row's preview and order follow. */
  function shown(message: ChatMessage) {
    putMessage(client, conversationId, message);
    void refreshConversation(client, conversationId);
  }

  async function send(text: string): Promise<boolean> {
    const result = await sendMessageAction({ conversationId, text });
    if (!result.ok) {
      toast.error(result.error);
      return false;
    }
    shown(result.data);
    return true;
  }

  async function retry(messageId: string): Promise<void> {
    const result = await retryMessageAction({ messageId });
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    shown(result.data);
  }

  if (!detail) {
    if (!error) return <ChatSkeleton label={t("loading")} />;
    const key = loadErrorKey(error);
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8">
        <Alert variant={key === "notFound" ? "default" : "destructive"} className="max-w-md">
          <AlertDescription>{t(key)}</AlertDescription>
        </Alert>
        {key === "loadError" && (
          <Button variant="outline" size="sm" onClick={retryDetail}>
            {t("retry")}
          </Button>
        )}
      </div>
    );
  }

  // A file dropped anywhere on the chat opens the same dialog as the composer's paperclip.
  return (
    <FileDropZone {...files.dropZone}>
      <ChatHeader
        detail={detail}
        currentUserId={currentUserId}
        onChanged={() => refreshConversation(client, conversationId)}
      />
      {messages.status === "ready" ? (
        <MessageLog
          messages={messages.messages}
          hasOlder={messages.hasOlder}
          loadingOlder={messages.loadingOlder}
          onLoadOlder={messages.loadOlder}
          onRetry={retry}
          contactLabel={contactLabel(detail.contact)}
          currentUserId={currentUserId}
        />
      ) : messages.status === "error" ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8">
          <Alert variant="destructive" className="max-w-md">
            <AlertDescription>{t(loadErrorKey(messages.error))}</AlertDescription>
          </Alert>
          <Button variant="outline" size="sm" onClick={messages.reload}>
            {t("retry")}
          </Button>
        </div>
      ) : (
        <div role="log" aria-label={t("messages")} aria-busy className="min-h-0 flex-1" />
      )}
      <Composer
        conversationId={conversationId}
        windowClosesAt={detail.windowClosesAt}
        onSend={send}
        ai={ai}
        attach={files.attachButton}
        templates={(closed) => <TemplateSender conversationId={conversationId} contactName={detail.contact.name} prominent={closed} onSent={shown} />}
      />
      {files.dialog}
    </FileDropZone>
  );
}

function ChatSkeleton({ label }: { label: string }) {
  return (
    <div className="flex flex-1 flex-col gap-4 p-4" aria-busy aria-label={label} role="status">
      <Skeleton className="h-10 w-1/3" />
      <Skeleton className="h-16 w-1/2" />
      <Skeleton className="ml-auto h-12 w-2/5" />
      <Skeleton className="h-20 w-1/2" />
    </div>
  );
}
