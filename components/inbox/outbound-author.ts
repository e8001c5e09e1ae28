import type { ConversationListItem } from "@/lib/inbox/types";

/**
 * Whose words the list's preview line shows, when the newest message is ours:
 * the viewer's own ("You: …"), a colleague's by first name (an agent glancing
 * at the list wants to know whether someone already answered), a bot's, or an
 * agent whose account is gone (the author link was cleared; no name to show).
 */
export type OutboundAuthor = { kind: "you" } | { kind: "agent"; firstName: string } | { kind: "formerAgent" } | { kind: "bot" };

export function outboundAuthor(item: Pick<ConversationListItem, "lastMessageDirection" | "lastMessageAuthor">, viewerId: string | null): OutboundAuthor | null {
  if (item.lastMessageDirection !== "outbound") return null;
  const author = item.lastMessageAuthor;
  if (author?.kind === "bot") return { kind: "bot" };
  if (!author || author.userId === null) return { kind: "formerAgent" };
  if (author.userId === viewerId) return { kind: "you" };
  const firstName = author.name?.trim().split(/\s+/)[0];
  return firstName ? { kind: "agent", firstName } : { kind: "formerAgent" };
}
