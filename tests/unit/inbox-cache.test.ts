import { describe, expect, it } from "vitest";
import { dropConversation, flattenConversations, matchesFilter, placeConversation, type ConversationPages } from "@/components/inbox/list-cache";
import { flattenMessages, keepTicksForward, withMessage, type MessagePages } from "@/components/inbox/message-cache";
import type { ChatMessage, ConversationListItem } from "@/lib/inbox/types";

const row = (id: string, minute: number, extra: Partial<ConversationListItem> = {}): ConversationListItem => ({
  id,
  status: "open",
  contact: { id: `c-${id}`, waId: "5511999990000", name: id },
  assignee: null,
  unreadCount: 0,
  lastMessageAt: new Date(Date.UTC(2026, 11, 6, 12, minute)).toISOString(),
  lastMessagePreview: null,
  lastMessageType: "text",
  lastMessageDirection: "inbound",
  lastMessageAuthor: null,
  ...extra,
});
const list = (...pages: { items: ConversationListItem[]; nextCursor: string | null }[]): ConversationPages => ({
  pages,
  pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
});
const ids = (data: ConversationPages) => flattenConversations(data).map((item) => item.id);

describe("patching one conversation into a loaded list", () => {
  const loaded = list({ items: [row("d", 40), row("c", 30)], nextCursor: "c" }, { items: [row("b", 20), row("a", 10)], nextCursor: "a" });

  it("moves a conversation with a new message to the top, from any loaded page", () => {
    expect(ids(placeConversation(loaded, row("a", 50), true))).toEqual(["a", "d", "c", "b"]);
  });

  it("adds a new conversation where it sorts, and leaves one older than everything loaded to load more", () => {
    expect(ids(placeConversation(loaded, row("e", 35), true))).toEqual(["d", "e", "c", "b", "a"]);
    expect(ids(placeConversation(loaded, row("z", 1), true))).toEqual(["d", "c", "b", "a"]);
  });

  it("appends an older conversation when the list has no more pages", () => {
    const whole = list({ items: [row("d", 40)], nextCursor: null });
    expect(ids(placeConversation(whole, row("z", 1), true))).toEqual(["d", "z"]);
  });

  it("drops a conversation that no longer belongs (resolved, handed to someone else)", () => {
    expect(ids(placeConversation(loaded, row("c", 30, { status: "resolved" }), false))).toEqual(["d", "b", "a"]);
    expect(ids(dropConversation(loaded, "b"))).toEqual(["d", "c", "a"]);
    expect(dropConversation(loaded, "nope")).toBe(loaded);
  });

  it("matches status and scope as the route filters them", () => {
    const mine = row("m", 1, { assignee: { id: "me", name: "Me" } });
    expect(matchesFilter(mine, { scope: "mine", status: "open", q: "" }, "me")).toBe(true);
    expect(matchesFilter(mine, { scope: "mine", status: "open", q: "" }, "someone-else")).toBe(false);
    expect(matchesFilter(mine, { scope: "unassigned", status: "all", q: "" }, "me")).toBe(false);
    expect(matchesFilter(mine, { scope: "all", status: "resolved", q: "" }, "me")).toBe(false);
  });
});

const message = (id: string, minute: number, status: ChatMessage["status"] = "sent"): ChatMessage =>
  ({ id, direction: "outbound", sender: "agent", type: "text", text: id, status, sentAt: new Date(Date.UTC(2026, 11, 6, 12, minute)).toISOString() }) as ChatMessage;
const chat = (...pages: ChatMessage[][]): MessagePages => ({ pages: pages.map((items) => ({ items, nextCursor: null })), pageParams: pages.map(() => null) });

describe("patching one message into a loaded chat", () => {
  const loaded = chat([message("m3", 3), message("m2", 2)], [message("m1", 1)]);

  it("adds a new message to the newest page, and the log shows it last", () => {
    expect(flattenMessages(withMessage(loaded, message("m4", 4), { addIfNew: true })).map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("updates a known message where it is, and ignores an update for one not loaded", () => {
    const read = withMessage(loaded, message("m1", 1, "read"), { addIfNew: false });
    expect(flattenMessages(read).find((m) => m.id === "m1")!.status).toBe("read");
    expect(withMessage(loaded, message("m0", 0, "read"), { addIfNew: false })).toBe(loaded);
  });

  it("never lets a patch or a refetch take a tick back", () => {
    const read = withMessage(loaded, message("m3", 3, "read"), { addIfNew: false });
    expect(flattenMessages(withMessage(read, message("m3", 3, "delivered"), { addIfNew: false }))[2]!.status).toBe("read");
    const refetched = keepTicksForward(read, chat([message("m3", 3, "delivered"), message("m2", 2)], [message("m1", 1)])) as MessagePages;
    expect(flattenMessages(refetched)[2]!.status).toBe("read");
  });
});
