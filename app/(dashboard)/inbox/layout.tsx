import { SeedQueries } from "@/components/data/seed-queries";
import { serverQueryState } from "@/components/data/server-query-state";
import { ConversationList } from "@/components/inbox/conversation-list";
import { firstListPage } from "@/components/inbox/inbox-queries";
import { InboxLiveUpdates } from "@/components/inbox/inbox-live-updates";
import { InboxPanes } from "@/components/inbox/inbox-panes";
import { DEFAULT_FILTER } from "@/components/inbox/list-filter";
import type { Member } from "@/lib/auth/member";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listConversations } from "@/lib/inbox/queries";

/**
 * The list lives in the layout so it keeps its loaded pages and scroll
 * position while the member moves between chats; the pages check the
 * permission too, since a layout is not re-run on every navigation.
 */
export default async function InboxLayout({ children }: { children: React.ReactNode }) {
  const member = await requirePagePermission("inbox:use");
  const firstPage = await readFirstPage(member);
  return (
    <InboxPanes
      list={
        // No Suspense boundary around it (the route is dynamic, so reading the URL's search params needs none):
        // React would reveal the rows only up to 300 ms after the shell painted (docs/performance.md).
        <SeedQueries state={serverQueryState([firstListPage(DEFAULT_FILTER, firstPage)])}>
          <ConversationList />
        </SeedQueries>
      }
    >
      <InboxLiveUpdates currentUserId={member.userId} />
      {children}
    </InboxPanes>
  );
}

/**
 * The list's first page, read here as the list route reads it, so the HTML
 * already shows the rows instead of the browser asking after hydration. A
 * layout is not given the URL's search params: this is the default filter's
 * page (what /inbox and the sidebar open); a list under another filter is
 * read by the browser as before. Awaited rather than streamed behind a
 * Suspense fallback, for the same reason.
 */
function readFirstPage(member: Member) {
  return listConversations(getDb(), {
    workspaceId: member.workspaceId,
    viewerUserId: member.userId,
    viewerRole: member.role,
    filter: { scope: DEFAULT_FILTER.scope, status: DEFAULT_FILTER.status },
  });
}
