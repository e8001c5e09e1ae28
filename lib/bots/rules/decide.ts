import { containsKeyword, foldText } from "@/lib/bots/keywords";
import {
  type BotActions,
  type BotAudience,
  type BotReply,
  type BotTrigger,
  FALLBACK_DEFAULT_ONCE_PER_HOURS,
  type KeywordMatch,
  parseOptionReplyId,
  replyOptions,
} from "./definition";

/**
 * Which one rule bot answers a turn (the customer messages no turn read yet),
 * as a pure function of what the turn read: precedence button > keyword >
 * welcome > away > fallback (definition.ts TRIGGER_PRECEDENCE). Within a
 * trigger, bots go by position then age; within the messages, the latest
 * match wins. A bot whose audience does not fit the contact, or that already
 * answered this chat within its "once every N hours", is no match, and the
 * next in precedence may answer.
 */

/** A customer message as a turn reads it. */
export type TurnMessage = {
  id: string;
  text: string | null;
  /** The id of the button or list row tapped (an interactive reply), else null. */
  replyId: string | null;
  /** The contact's very first message: the contact row was created with it. */
  first: boolean;
};

/** An enabled bot of the workspace whose stored reply and actions parse. */
export type RuleBot = {
  id: string;
  name: string;
  trigger: BotTrigger;
  audience: BotAudience;
  keywords: string[];
  keywordMatch: KeywordMatch;
  reply: BotReply;
  actions: BotActions;
  delaySeconds: number;
  oncePerHours: number | null;
  position: number;
  createdAt: Date;
};

/** leads: a contact without a lead or whose lead was not won; customers: a won lead. */
export type ContactKind = "lead" | "customer";

export type TurnFacts = {
  /** Oldest first. */
  messages: TurnMessage[];
  bots: RuleBot[];
  contact: ContactKind;
  /** Open by the business hours at the turn's time. */
  open: boolean;
  /** When each bot last answered in this chat. */
  lastSentAt: ReadonlyMap<string, Date>;
  now: Date;
};

export type TurnDecision = {
  /** The bot that answers, and the trigger it answers by; null when none matched. */
  answer: { bot: RuleBot; trigger: BotTrigger } | null;
  /** One entry per tap on an existing option of an enabled bot (its click count grows by one each). */
  clicks: string[];
};

const HOUR_MS = 3_600_000;

/** In the order the admin arranged them: position, then the older first. */
export function byPosition(a: RuleBot, b: RuleBot): number {
  return a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

export function fitsAudience(bot: Pick<RuleBot, "audience">, contact: ContactKind): boolean {
  if (bot.audience === "leads") return contact === "lead";
  if (bot.audience === "customers") return contact === "customer";
  return true;
}

/** Inside its "at most once every N hours" in this chat (the fallback always has a limit). */
export function withinLimit(bot: Pick<RuleBot, "id" | "trigger" | "oncePerHours">, lastSentAt: ReadonlyMap<string, Date>, now: Date): boolean {
  const hours = bot.oncePerHours ?? (bot.trigger === "fallback" ? FALLBACK_DEFAULT_ONCE_PER_HOURS : null);
  const last = lastSentAt.get(bot.id);
  return hours !== null && last !== undefined && now.getTime() - last.getTime() < hours * HOUR_MS;
}

const squeeze = (text: string) => foldText(text).trim().replace(/\s+/g, " ");

export function matchesKeywords(bot: Pick<RuleBot, "keywords" | "keywordMatch">, text: string | null): boolean {
  if (!text || bot.keywords.length === 0) return false;
  if (bot.keywordMatch === "exact") {
    const whole = squeeze(text);
    return bot.keywords.some((keyword) => squeeze(keyword) !== "" && squeeze(keyword) === whole);
  }
  return containsKeyword(text, bot.keywords);
}

export function decideTurn(facts: TurnFacts): TurnDecision {
  const { bots, contact, lastSentAt, now } = facts;
  const eligible = (bot: RuleBot) => fitsAudience(bot, contact) && !withinLimit(bot, lastSentAt, now);
  const byId = new Map(bots.map((bot) => [bot.id, bot]));
  const ofTrigger = (trigger: BotTrigger) => bots.filter((bot) => bot.trigger === trigger).sort(byPosition);
  const latestFirst = [...facts.messages].reverse();

  // Taps: every tap on a live option counts; the latest tap whose option leads to an eligible bot answers.
  const clicks: string[] = [];
  let button: RuleBot | null = null;
  for (const message of latestFirst) {
    const tapped = parseOptionReplyId(message.replyId);
    const owner = tapped ? byId.get(tapped.botId) : undefined;
    const option = owner && replyOptions(owner.reply).find((candidate) => candidate.id === tapped!.optionId);
    if (!owner || !option) continue;
    clicks.push(owner.id);
    const next = option.nextBotId ? byId.get(option.nextBotId) : undefined;
    if (!button && next && eligible(next)) button = next;
  }
  if (button) return { answer: { bot: button, trigger: "button" }, clicks };

  const keywordBots = ofTrigger("keyword");
  for (const message of latestFirst) {
    const bot = keywordBots.find((candidate) => matchesKeywords(candidate, message.text) && eligible(candidate));
    if (bot) return { answer: { bot, trigger: "keyword" }, clicks };
  }

  const answer = (trigger: BotTrigger) => {
    const bot = ofTrigger(trigger).find(eligible);
    return bot ? { answer: { bot, trigger }, clicks } : null;
  };
  if (facts.messages.some((message) => message.first)) {
    const welcome = answer("welcome");
    if (welcome) return welcome;
  }
  if (!facts.open) {
    const away = answer("away");
    if (away) return away;
  }
  return answer("fallback") ?? { answer: null, clicks };
}
