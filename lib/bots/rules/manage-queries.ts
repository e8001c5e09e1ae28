import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { messageBots } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { replyOptions, TRIGGER_PRECEDENCE, type BotActions, type BotAudience, type BotReply, type BotReplyKind, type BotTrigger, type KeywordMatch } from "./definition";

/** Who manages bots: an admin of the workspace (agents get "not found", as for every settings screen). */
export type BotAdmin = Pick<Actor, "workspaceId" | "userId" | "role">;

export function assertBotAdmin(member: BotAdmin): void {
  assertCan(member, "settings:manage");
}

export type BotRow = typeof messageBots.$inferSelect;

/** What the Bots screen lists of a bot. */
export type BotListItem = {
  id: string;
  name: string;
  enabled: boolean;
  audience: BotAudience;
  trigger: BotTrigger;
  keywords: string[];
  keywordMatch: KeywordMatch;
  replyKind: BotReplyKind;
  /** image or document, for a media reply. */
  mediaType: "image" | "document" | null;
  sentCount: number;
  clickCount: number;
  /** How many buttons or rows of other bots lead here: a "button" bot without any is never reached. */
  linkedFrom: number;
  /** Its place among the bots of its trigger (0 first) and how many bots share the trigger: the move buttons. */
  rank: number;
  rankCount: number;
};

/** What the editor loads of a bot: everything the admin saved. */
export type BotDetail = {
  id: string;
  name: string;
  enabled: boolean;
  audience: BotAudience;
  trigger: BotTrigger;
  keywords: string[];
  keywordMatch: KeywordMatch;
  reply: BotReply;
  actions: BotActions;
  delaySeconds: number;
  oncePerHours: number | null;
};

/** A bot as a "leads to" choice in the editor. */
export type BotChoice = { id: string; name: string; trigger: BotTrigger };

const precedence = (trigger: BotTrigger) => {
  const index = TRIGGER_PRECEDENCE.indexOf(trigger);
  return index === -1 ? TRIGGER_PRECEDENCE.length : index;
};

/** The workspace's bots in the order they are tried: by trigger precedence, then position. */
async function workspaceBots(db: Db, workspaceId: string): Promise<BotRow[]> {
  const rows = await db
    .select()
    .from(messageBots)
    .where(eq(messageBots.workspaceId, workspaceId))
    .orderBy(asc(messageBots.position), asc(messageBots.createdAt), asc(messageBots.id));
  return rows.sort((a, b) => precedence(a.trigger) - precedence(b.trigger));
}

/** For each bot id, how many options of other bots lead to it. */
export function inboundLinks(rows: Pick<BotRow, "id" | "reply">[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const option of replyOptions(row.reply)) {
      if (option.nextBotId && option.nextBotId !== row.id) counts.set(option.nextBotId, (counts.get(option.nextBotId) ?? 0) + 1);
    }
  }
  return counts;
}

export async function listBots(db: Db, member: BotAdmin): Promise<BotListItem[]> {
  assertBotAdmin(member);
  const rows = await workspaceBots(db, member.workspaceId);
  const links = inboundLinks(rows);
  const perTrigger = new Map<BotTrigger, number>();
  for (const row of rows) perTrigger.set(row.trigger, (perTrigger.get(row.trigger) ?? 0) + 1);
  const seen = new Map<BotTrigger, number>();
  return rows.map((row) => {
    const rank = seen.get(row.trigger) ?? 0;
    seen.set(row.trigger, rank + 1);
    return {
      id: row.id,
      name: row.name,
      enabled: row.enabled,
      audience: row.audience,
      trigger: row.trigger,
      keywords: row.keywords,
      keywordMatch: row.keywordMatch,
      replyKind: row.reply.kind,
      mediaType: row.reply.kind === "media" ? row.reply.mediaType : null,
      sentCount: row.sentCount,
      clickCount: row.clickCount,
      linkedFrom: links.get(row.id) ?? 0,
      rank,
      rankCount: perTrigger.get(row.trigger) ?? 1,
    };
  });
}

/** The bots an option may lead to (every bot of the workspace but `exceptId`, the one being edited). */
export async function botChoices(db: Db, member: BotAdmin, exceptId?: string): Promise<BotChoice[]> {
  assertBotAdmin(member);
  const rows = await workspaceBots(db, member.workspaceId);
  return rows.filter((row) => row.id !== exceptId).map((row) => ({ id: row.id, name: row.name, trigger: row.trigger }));
}

/** One bot of the member's workspace; another workspace's id, or a malformed one, is `not_found:bot`. */
export async function findBot(db: Db, member: BotAdmin, botId: string): Promise<BotRow> {
  assertBotAdmin(member);
  if (!isUuid(botId)) throw new AppError("not_found:bot");
  const [row] = await db
    .select()
    .from(messageBots)
    .where(and(eq(messageBots.id, botId), eq(messageBots.workspaceId, member.workspaceId)));
  if (!row) throw new AppError("not_found:bot");
  return row;
}

export async function getBot(db: Db, member: BotAdmin, botId: string): Promise<BotDetail> {
  const row = await findBot(db, member, botId);
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    audience: row.audience,
    trigger: row.trigger,
    keywords: row.keywords,
    keywordMatch: row.keywordMatch,
    reply: row.reply,
    actions: row.actions,
    delaySeconds: row.delaySeconds,
    oncePerHours: row.oncePerHours,
  };
}

/** How many options of other bots lead to this one: what deleting it unlinks. */
export async function linksTo(db: Db, member: BotAdmin, botId: string): Promise<number> {
  const bot = await findBot(db, member, botId);
  const rows = await db.select({ id: messageBots.id, reply: messageBots.reply }).from(messageBots).where(eq(messageBots.workspaceId, member.workspaceId));
  return inboundLinks(rows).get(bot.id) ?? 0;
}
