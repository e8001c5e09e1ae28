import { getTranslations } from "next-intl/server";
import { SeedQueries } from "@/components/data/seed-queries";
import { serverQueryState } from "@/components/data/server-query-state";
import { ChatView } from "@/components/inbox/chat-view";
import { openedChat } from "@/components/inbox/inbox-queries";
import { notFound } from "next/navigation";
import { getComposerAiOptions } from "@/lib/ai/composer-options";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getConversationDetail, listMessages } from "@/lib/inbox/queries";

export async function generateMetadata() {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/**
 * The chat pane: a conversation this member may not see (another workspace's, a forged id) is a 404 page.
 * Its header and newest messages are read here, through the functions (and visibility checks) the chat's
 * routes use, so the HTML shows them and the browser has nothing to wait for after hydration.
 */
export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const member = await requirePagePermission("inbox:use");
  const { conversationId } = await params;
  const db = getDb();
  // The wand's menu (AI on, saved prompts) is read per chat page, so a settings change shows on the next chat opened.
  const [chat, ai] = await Promise.all([
    Promise.all([getConversationDetail(db, member, conversationId), listMessages(db, member, conversationId)]).catch((error: unknown) => {
      if (error instanceof AppError && error.type === "not_found") notFound();
      throw error;
    }),
    getComposerAiOptions(db, member),
  ]);
  return (
    // No Suspense boundary for the header's use of the search params (the route is dynamic): React would
    // reveal the chat only up to 300 ms after the shell painted (docs/performance.md).
    <SeedQueries key={conversationId} state={serverQueryState(openedChat(conversationId, ...chat))}>
      <ChatView key={conversationId} conversationId={conversationId} currentUserId={member.userId} ai={ai} />
    </SeedQueries>
  );
}
