import type { InfiniteData } from "@tanstack/react-query";
import type { ConversationListItem, ConversationPage } from "@/lib/inbox/types";
import type { ListFilter } from "./list-filter";

/** A conversation list query's cached data: its loaded pages, newest conversation first. */
export type ConversationPages = InfiniteData<ConversationPage>;

/** Every loaded row once, in order: a row that moved up while later pages loaded may sit on two pages. */
export function flattenConversations(data: ConversationPages): ConversationListItem[] {
  const seen = new Set<string>();
  return data.pages.flatMap((page) => page.items).filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

export function isListed(data: ConversationPages, conversationId: string): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === conversationId));
}

/**
 * Whether a conversation belongs in a list by its status and scope. The
 * search (`q`) is matched by the server only (contact, phone and message
 * text), so it is left to the caller.
 */
export function matchesFilter(item: ConversationListItem, filter: ListFilter, currentUserId: string): boolean {
  if (filter.status !== "all" && item.status !== filter.status) return false;
  if (filter.scope === "mine") return item.assignee?.id === currentUserId;
  if (filter.scope === "unassigned") return item.assignee === null;
  return true;
}

/** The list's order, as the route sorts: newest last message first, then id. */
function sortsBefore(a: ConversationListItem, b: ConversationListItem): boolean {
  const at = Date.parse(a.lastMessageAt) - Date.parse(b.lastMessageAt);
  return at > 0 || (at === 0 && a.id > b.id);
}

/**
 * The loaded pages with one conversation taken out and, when it `belongs`,
 * put back where it now sorts (a new message moves it to the top). A row that
 * sorts below everything loaded while more pages remain is left for "load
 * more" to bring, so the list never shows a gap.
 */
export function placeConversation(data: ConversationPages, item: ConversationListItem, belongs: boolean): ConversationPages {
  const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((other) => other.id !== item.id) }));
  if (belongs) {
    const target = pages.find((page) => page.items.some((other) => sortsBefore(item, other)));
    if (target) {
      const at = target.items.findIndex((other) => sortsBefore(item, other));
      target.items.splice(at, 0, item);
    } else if (pages.length > 0 && pages.at(-1)!.nextCursor === null) {
      pages.at(-1)!.items.push(item);
    }
  }
  return { ...data, pages };
}

export function dropConversation(data: ConversationPages, conversationId: string): ConversationPages {
  if (!isListed(data, conversationId)) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== conversationId) })) };
}
