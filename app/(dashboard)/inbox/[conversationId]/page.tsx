import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ChatView } from "@/components/inbox/chat-view";
import { notFound } from "next/navigation";
import { getComposerAiOptions } from "@/lib/ai/composer-options";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findVisibleConversation } from "@/lib/inbox/access";

export async function generateMetadata() {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/** The chat pane: a conversation this member may not see (another workspace's, a forged id) is a 404 page. */
export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const member = await requirePagePermission("inbox:use");
  const { conversationId } = await params;
  try {
    await findVisibleConversation(getDb(), member, conversationId);
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
  // The wand's menu (AI on, saved prompts) is read per chat page, so a settings change shows on the next chat opened.
  const ai = await getComposerAiOptions(getDb(), member);
  return (
    // The header's back link reads the list's filters from the URL's search params.
    <Suspense>
      <ChatView key={conversationId} conversationId={conversationId} currentUserId={member.userId} ai={ai} />
    </Suspense>
  );
}
