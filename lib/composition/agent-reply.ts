import "server-only";
import { pauseBotsForAgentReply } from "@/lib/bots/pause";
import type { Viewer } from "@/lib/inbox/access";
import type { Db } from "@/lib/db/client";
import { storeAgentText, type StoredText } from "@/lib/inbox/outbound";

/**
 * An agent's text, stored as pending. The same transaction keeps every
 * bot (assistant and rule bots) out of the chat for the Stop Bot restart
 * period and drops what they had scheduled: an agent who answers by hand takes the chat over,
 * and a reply stored after theirs must not follow it.
 */
export function storeAgentReply(db: Db, member: Viewer, input: { conversationId: string; text: string }): Promise<StoredText> {
  return storeAgentText(db, member, input, pauseBotsForAgentReply);
}
