import "server-only";
import { pauseBotsForAgentReply } from "@/lib/bots/pause";
import type { Db } from "@/lib/db/client";
import type { Viewer } from "@/lib/inbox/access";
import type { StoredText } from "@/lib/inbox/outbound";
import type { TemplateValues } from "@/lib/templates/model";
import { storeAgentTemplate } from "@/lib/templates/send";

/** An agent's template, stored as pending; like a typed reply, it keeps the bots out of the chat for a while. */
export function storeAgentTemplateReply(db: Db, member: Viewer, input: { conversationId: string; templateId: string } & TemplateValues): Promise<StoredText> {
  return storeAgentTemplate(db, member, input, pauseBotsForAgentReply);
}
