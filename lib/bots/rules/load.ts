import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messageBots } from "@/lib/db/schema";
import { BOT_AUDIENCES, BOT_TRIGGERS, botActionsSchema, botReplySchema, KEYWORD_MATCHES } from "./definition";
import type { RuleBot } from "./decide";

type BotRow = typeof messageBots.$inferSelect;

/**
 * A stored bot as the engine uses it, or null when the row does not parse
 * (written by hand, by an older release, or broken): such a bot is skipped
 * and logged, never the reason a turn or a reply fails.
 */
export function toRuleBot(row: BotRow): RuleBot | null {
  const reply = botReplySchema.safeParse(row.reply);
  const actions = botActionsSchema.safeParse(row.actions ?? {});
  const trigger = BOT_TRIGGERS.find((value) => value === row.trigger);
  const audience = BOT_AUDIENCES.find((value) => value === row.audience);
  const keywordMatch = KEYWORD_MATCHES.find((value) => value === row.keywordMatch);
  if (!reply.success || !actions.success || !trigger || !audience || !keywordMatch) {
    console.warn("[rule bots] skipped a bot that does not parse", {
      botId: row.id,
      workspaceId: row.workspaceId,
      reply: reply.success ? undefined : reply.error.issues.map((issue) => issue.path.join(".") || issue.message),
      actions: actions.success ? undefined : actions.error.issues.map((issue) => issue.path.join(".") || issue.message),
      trigger: trigger ? undefined : row.trigger,
      audience: audience ? undefined : row.audience,
    });
    return null;
  }
  return {
    id: row.id,
    name: row.name,
    trigger,
    audience,
    keywords: Array.isArray(row.keywords) ? row.keywords.filter((keyword): keyword is string => typeof keyword === "string") : [],
    keywordMatch,
    reply: reply.data,
    actions: actions.data,
    delaySeconds: Math.min(Math.max(Math.trunc(row.delaySeconds) || 0, 0), 3600),
    oncePerHours: row.oncePerHours !== null && row.oncePerHours > 0 ? row.oncePerHours : null,
    position: row.position,
    createdAt: row.createdAt,
  };
}

/** The workspace's enabled bots that parse. */
export async function enabledRuleBots(db: Db, workspaceId: string): Promise<RuleBot[]> {
  const rows = await db.select().from(messageBots).where(and(eq(messageBots.workspaceId, workspaceId), eq(messageBots.enabled, true)));
  return rows.map(toRuleBot).filter((bot): bot is RuleBot => bot !== null);
}

/** One enabled bot that parses, or null. */
export async function enabledRuleBot(db: Db, workspaceId: string, botId: string): Promise<RuleBot | null> {
  const [row] = await db
    .select()
    .from(messageBots)
    .where(and(eq(messageBots.id, botId), eq(messageBots.workspaceId, workspaceId), eq(messageBots.enabled, true)));
  return row ? toRuleBot(row) : null;
}
