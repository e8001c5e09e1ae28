import { Suspense } from "react";
import { ConversationList } from "@/components/inbox/conversation-list";
import { InboxLiveUpdates } from "@/components/inbox/inbox-live-updates";
import { InboxPanes } from "@/components/inbox/inbox-panes";
import { requirePagePermission } from "@/lib/auth/session";

/**
 * The list lives in the layout so it keeps its loaded pages and scroll
 * position while the member moves between chats; the pages check the
 * permission too, since a layout is not re-run on every navigation.
 */
export default async function InboxLayout({ children }: { children: React.ReactNode }) {
  const member = await requirePagePermission("inbox:use");
  return (
    <InboxPanes
      list={
        // The list reads its filters from the URL's search params.
        <Suspense>
          <ConversationList />
        </Suspense>
      }
    >
      <InboxLiveUpdates currentUserId={member.userId} />
      {children}
    </InboxPanes>
  );
}
