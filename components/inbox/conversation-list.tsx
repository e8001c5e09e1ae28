"use client";

import { useParams, usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConversationFilters } from "./conversation-filters";
import { NewConversationButton } from "./new-conversation-button";
import { ConversationItem, useRowText } from "./conversation-item";
import { DEFAULT_FILTER, filterQuery, readFilter, type ListFilter } from "./list-filter";
import { useConversations } from "./use-conversations";

export function ConversationList() {
  const t = useTranslations("inbox");
  const router = useRouter();
  const pathname = usePathname() ?? "";
  const searchParams = useSearchParams() ?? new URLSearchParams();
  const params = useParams<{ conversationId?: string }>() ?? {};
  const filter = readFilter(searchParams);
  const { items, hasMore, loading, failed, loadingMore, loadMore, retry } = useConversations(filter);
  const query = filterQuery(filter);
  const filtered = query !== filterQuery(DEFAULT_FILTER);
  const rowText = useRowText();

  function change(next: Partial<ListFilter>) {
    router.replace(`${pathname}${filterQuery({ ...filter, ...next })}`, { scroll: false });
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-col gap-3 border-b p-3">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-lg font-semibold">{t("title")}</h1>
          <NewConversationButton />
        </div>
        <ConversationFilters filter={filter} onChange={change} />
      </div>
      <nav aria-label={t("list.label")} aria-busy={loading || loadingMore} className="min-h-0 flex-1 overflow-y-auto">
        {loading ? (
          <ListSkeleton />
        ) : failed ? (
          <div className="flex flex-col items-start gap-3 p-4">
            <Alert variant="destructive">
              <AlertDescription>{t("list.loadError")}</AlertDescription>
            </Alert>
            <Button variant="outline" size="sm" onClick={retry}>
              {t("list.retry")}
            </Button>
          </div>
        ) : items.length === 0 ? (
          <p className="p-6 text-center text-sm text-muted-foreground">{filtered ? t("list.noMatches") : t("list.empty")}</p>
        ) : (
          <ul>
            {items.map((item) => (
              // Rows out of view are neither styled nor laid out until scrolled to (a row is ~88 px tall).
              <li key={item.id} className="[contain-intrinsic-size:auto_88px] [content-visibility:auto]">
                <ConversationItem item={item} href={`/inbox/${item.id}${query}`} active={item.id === params.conversationId} text={rowText} />
              </li>
            ))}
          </ul>
        )}
        {hasMore && !loading && <LoadMore busy={loadingMore} onLoad={loadMore} label={loadingMore ? t("list.loadingMore") : t("list.loadMore")} />}
      </nav>
    </div>
  );
}

/**
 * Loads the next page when it scrolls into view; it is also a real button,
 * for keyboards and for retrying after a failed page.
 */
function LoadMore({ busy, onLoad, label }: { busy: boolean; onLoad: () => void; label: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const load = useEffectEvent(onLoad);
  useEffect(() => {
    const element = ref.current;
    if (!element || busy) return;
    // Re-created after each page: if the button is still visible, the new observer fires again at once.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load();
    }, { rootMargin: "0px 0px 200px 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [busy]);

  return (
    <div className="flex justify-center p-3">
      <Button ref={ref} variant="ghost" size="sm" disabled={busy} onClick={onLoad}>
        {label}
      </Button>
    </div>
  );
}

function ListSkeleton() {
  return (
    <ul aria-hidden className="flex flex-col">
      {Array.from({ length: 6 }, (_, index) => (
        <li key={index} className="flex gap-3 border-b px-3 py-3">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-3 w-full" />
          </div>
        </li>
      ))}
    </ul>
  );
}
