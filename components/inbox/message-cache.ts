import { replaceEqualDeep, type InfiniteData } from "@tanstack/react-query";
import type { ChatMessage, MessagePage } from "@/lib/inbox/types";

/** The messages query's cached data: pages newest first, each page's items newest first, as the route returns them. */
export type MessagePages = InfiniteData<MessagePage>;

const PROGRESS: Partial<Record<ChatMessage["status"], number>> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * A newer copy of a message (a status tick, a reaction) replaces the known
 * one, but ticks never go backwards: an answer fetched before "read" arrived
 * may land after it. "failed" replaces any tick but "read", as on the server
 * (lib/inbox/statuses.ts); a retry's "pending" replaces "failed".
 */
function newerCopy(known: ChatMessage | undefined, message: ChatMessage): ChatMessage {
  const behind =
    known && (message.status === "failed" ? known.status === "read" : (PROGRESS[message.status] ?? -1) < (PROGRESS[known.status] ?? -1));
  return behind ? { ...message, status: known.status } : message;
}

function byTime(a: ChatMessage, b: ChatMessage): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `incoming` merged into `current` by id (newer copies win, ticks never go back), oldest first as the log shows them. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, newerCopy(byId.get(message.id), message));
  return [...byId.values()].sort(byTime);
}

/** Every loaded page as one log, oldest first; a message found on two pages (paging while new ones arrived) shows once. */
export function flattenMessages(data: MessagePages): ChatMessage[] {
  return mergeMessages([], data.pages.flatMap((page) => page.items).reverse());
}

/**
 * The messages query's structural sharing: a refetch's pages replace the
 * cached ones, keeping each message's furthest tick, and unchanged parts keep
 * their identity so unchanged bubbles do not re-render.
 */
export function keepTicksForward(previous: unknown, next: unknown): unknown {
  const old = previous as MessagePages | undefined;
  const fresh = next as MessagePages;
  if (!old?.pages) return fresh;
  const known = new Map(old.pages.flatMap((page) => page.items.map((message) => [message.id, message] as const)));
  const kept = { ...fresh, pages: fresh.pages.map((page) => ({ ...page, items: page.items.map((message) => newerCopy(known.get(message.id), message)) })) };
  return replaceEqualDeep(old, kept);
}

/**
 * The cached pages with one message added or updated: a known message is
 * replaced where it is, a new one joins the newest page. `addIfNew: false`
 * only updates (a tick on a message older than the loaded pages is not shown).
 */
export function withMessage(data: MessagePages, message: ChatMessage, { addIfNew }: { addIfNew: boolean }): MessagePages {
  let at = data.pages.findIndex((page) => page.items.some((item) => item.id === message.id));
  if (at === -1) {
    if (!addIfNew || data.pages.length === 0) return data;
    at = 0;
  }
  const pages = data.pages.map((page, index) => {
    if (index !== at) return page;
    const known = page.items.find((item) => item.id === message.id);
    const copy = newerCopy(known, message);
    return { ...page, items: known ? page.items.map((item) => (item.id === message.id ? copy : item)) : [copy, ...page.items] };
  });
  return { ...data, pages };
}

export function hasMessage(data: MessagePages, messageId: string): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === messageId));
}
