import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messageBots } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { BotInput, BotReply, BotTrigger } from "./definition";
import { checkedBot } from "./manage-checks";
import { assertBotAdmin, findBot, type BotAdmin } from "./manage-queries";

/*
 * The Bots screen's writes. Every function takes the member and refuses
 * anyone but an admin ("not found", as every settings screen); a bot of
 * another workspace, or a malformed id, is `not_found:bot`.
 */

export { botChoices, getBot, linksTo, listBots, type BotAdmin, type BotChoice, type BotDetail, type BotListItem } from "./manage-queries";

/** A soft cap that keeps the list (and the webhook's per-message read of the enabled bots) small. */
export const MAX_BOTS = 200;

/** Last among the bots of its trigger. Two saves at once may share a position; the creation time orders them, a move renumbers. */
const lastPosition = (workspaceId: string, trigger: BotTrigger) =>
  sql<number>`(select coalesce(max(${messageBots.position}), -1) + 1 from ${messageBots} where ${messageBots.workspaceId} = ${workspaceId} and ${messageBots.trigger} = ${trigger})`;

function columns(bot: BotInput) {
  return {
    name: bot.name,
    enabled: bot.enabled,
    audience: bot.audience,
    trigger: bot.trigger,
    keywords: bot.keywords,
    keywordMatch: bot.keywordMatch,
    reply: bot.reply,
    actions: bot.actions,
    delaySeconds: bot.delaySeconds,
    oncePerHours: bot.oncePerHours,
  };
}

export async function createBot(db: Db, member: BotAdmin, input: BotInput): Promise<{ id: string }> {
  assertBotAdmin(member);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(messageBots).where(eq(messageBots.workspaceId, member.workspaceId));
  if (total >= MAX_BOTS) throw new AppError("conflict:bot", { messageKey: "bots_full", values: { max: MAX_BOTS } });
  return db.transaction(async (tx) => {
    const bot = await checkedBot(tx, member.workspaceId, input, null);
    const [row] = await tx
      .insert(messageBots)
      .values({ workspaceId: member.workspaceId, ...columns(bot), position: lastPosition(member.workspaceId, bot.trigger) })
      .returning({ id: messageBots.id });
    return { id: row!.id };
  });
}

export async function updateBot(db: Db, member: BotAdmin, botId: string, input: BotInput): Promise<void> {
  const current = await findBot(db, member, botId);
  await db.transaction(async (tx) => {
    const bot = await checkedBot(tx, member.workspaceId, input, current.id);
    await tx
      .update(messageBots)
      .set({
        ...columns(bot),
        // A bot moved to another trigger goes last there.
        ...(bot.trigger !== current.trigger ? { position: lastPosition(member.workspaceId, bot.trigger) } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(messageBots.id, current.id), eq(messageBots.workspaceId, member.workspaceId)));
  });
}

export async function setBotEnabled(db: Db, member: BotAdmin, botId: string, enabled: boolean): Promise<void> {
  const bot = await findBot(db, member, botId);
  await db
    .update(messageBots)
    .set({ enabled, updatedAt: new Date() })
    .where(and(eq(messageBots.id, bot.id), eq(messageBots.workspaceId, member.workspaceId)));
}

/** The reply with every option that led to `botId` leading nowhere; the buttons themselves stay. */
function unlinked(reply: BotReply, botId: string): BotReply | null {
  const clear = <T extends { nextBotId: string | null }>(options: T[]) => options.map((o) => (o.nextBotId === botId ? { ...o, nextBotId: null } : o));
  if (reply.kind === "buttons" && reply.buttons.some((o) => o.nextBotId === botId)) return { ...reply, buttons: clear(reply.buttons) };
  if (reply.kind === "list" && reply.rows.some((o) => o.nextBotId === botId)) return { ...reply, rows: clear(reply.rows) };
  return null;
}

/**
 * Deletes a bot and, in the same transaction, clears the options of other
 * bots that led to it (they stay, leading nowhere). The workspace's bots are
 * locked first, so a bot saved at the same moment with a link here either
 * waits and is then cleared, or was saved first and is seen. Returns how
 * many options were unlinked.
 */
export async function deleteBot(db: Db, member: BotAdmin, botId: string): Promise<{ unlinked: number }> {
  const bot = await findBot(db, member, botId);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: messageBots.id, reply: messageBots.reply })
      .from(messageBots)
      .where(eq(messageBots.workspaceId, member.workspaceId))
      .for("update");
    let cleared = 0;
    for (const row of rows) {
      if (row.id === bot.id) continue;
      const reply = unlinked(row.reply, bot.id);
      if (!reply) continue;
      cleared += (row.reply.kind === "buttons" ? row.reply.buttons : row.reply.kind === "list" ? row.reply.rows : []).filter((o) => o.nextBotId === bot.id).length;
      await tx.update(messageBots).set({ reply, updatedAt: new Date() }).where(and(eq(messageBots.id, row.id), eq(messageBots.workspaceId, member.workspaceId)));
    }
    await tx.delete(messageBots).where(and(eq(messageBots.id, bot.id), eq(messageBots.workspaceId, member.workspaceId)));
    return { unlinked: cleared };
  });
}

/**
 * Moves a bot one place up or down among the bots of its trigger (the first
 * that matches answers) and renumbers them 0..n-1, with their rows locked so
 * two admins moving at once do not each renumber from a stale order.
 */
export async function moveBot(db: Db, member: BotAdmin, botId: string, direction: "up" | "down"): Promise<void> {
  const bot = await findBot(db, member, botId);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: messageBots.id, position: messageBots.position })
      .from(messageBots)
      .where(and(eq(messageBots.workspaceId, member.workspaceId), eq(messageBots.trigger, bot.trigger)))
      .orderBy(asc(messageBots.position), asc(messageBots.createdAt), asc(messageBots.id))
      .for("update");
    const order = rows.map((row) => row.id);
    const from = order.indexOf(bot.id);
    // Its trigger changed since it was read: the list the admin saw is stale, nothing to move.
    if (from === -1) throw new AppError("conflict:bot");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [position, id] of order.entries()) {
      if (rows.find((row) => row.id === id)?.position === position) continue;
      await tx.update(messageBots).set({ position }).where(and(eq(messageBots.id, id), eq(messageBots.workspaceId, member.workspaceId)));
    }
  });
}
