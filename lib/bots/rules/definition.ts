import { z } from "zod";
import { keywordList } from "@/lib/bots/keywords";

/**
 * A message bot (a "rule bot"): when it answers (its trigger), to whom (its
 * audience), what it sends (its reply), what else it does (its actions).
 * The limits are WhatsApp's own for interactive messages, so a bot saved
 * here is one Meta accepts.
 */

export const BOT_TRIGGERS = ["welcome", "away", "keyword", "button", "fallback"] as const;
export type BotTrigger = (typeof BOT_TRIGGERS)[number];

/**
 * Which trigger answers when several match one inbound message: a reply to
 * a bot's button first, then keywords, the welcome, the away message and
 * last the fallback. `button` bots answer only through another bot's button.
 */
export const TRIGGER_PRECEDENCE: readonly BotTrigger[] = ["button", "keyword", "welcome", "away", "fallback"];

export const BOT_AUDIENCES = ["everyone", "leads", "customers"] as const;
export type BotAudience = (typeof BOT_AUDIENCES)[number];

export const KEYWORD_MATCHES = ["contains", "exact"] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

export const BOT_NAME_MAX_LENGTH = 80;
export const TEXT_REPLY_MAX_LENGTH = 4096;
export const INTERACTIVE_BODY_MAX_LENGTH = 1024;
export const INTERACTIVE_FOOTER_MAX_LENGTH = 60;
export const BUTTON_TITLE_MAX_LENGTH = 20;
export const BUTTONS_MAX = 3;
export const LIST_BUTTON_MAX_LENGTH = 20;
export const LIST_ROWS_MAX = 10;
export const ROW_TITLE_MAX_LENGTH = 24;
export const ROW_DESCRIPTION_MAX_LENGTH = 72;
export const CAPTION_MAX_LENGTH = 1024;
export const DELAY_MAX_SECONDS = 3600;
export const ONCE_PER_MAX_HOURS = 720;
export const TAG_MAX_LENGTH = 40;
/** The fallback answers at most once per this many hours in a chat unless the admin says otherwise. */
export const FALLBACK_DEFAULT_ONCE_PER_HOURS = 24;

/** A button's or row's own id: what WhatsApp echoes back in the customer's reply, so reordering never misroutes a tap. */
const optionId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, { error: "validation.invalid" });
const nextBot = z.uuid().nullish().transform((value) => value ?? null);

export const botButtonSchema = z.object({
  id: optionId,
  title: z.string().trim().min(1).max(BUTTON_TITLE_MAX_LENGTH),
  nextBotId: nextBot,
});

export const botRowSchema = z.object({
  id: optionId,
  title: z.string().trim().min(1).max(ROW_TITLE_MAX_LENGTH),
  description: z.string().trim().max(ROW_DESCRIPTION_MAX_LENGTH).default(""),
  nextBotId: nextBot,
});

const httpsLink = z.url({ protocol: /^https$/, error: "validation.invalid_url" }).max(2000);
const footer = z.string().trim().max(INTERACTIVE_FOOTER_MAX_LENGTH).default("");

/** WhatsApp refuses two buttons (or rows) with one title, and we route taps by id. */
function distinct<T extends { id: string; title: string }>(options: T[], context: z.RefinementCtx) {
  const ids = new Set<string>();
  const titles = new Set<string>();
  options.forEach((option, index) => {
    if (ids.has(option.id)) context.addIssue({ code: "custom", path: [index, "id"], message: "validation.invalid" });
    if (titles.has(option.title.toLocaleLowerCase("en"))) context.addIssue({ code: "custom", path: [index, "title"], message: "validation.duplicate_title" });
    ids.add(option.id);
    titles.add(option.title.toLocaleLowerCase("en"));
  });
}

export const botReplySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().trim().min(1).max(TEXT_REPLY_MAX_LENGTH) }),
  z.object({
    kind: z.literal("media"),
    mediaType: z.enum(["image", "document"]),
    /** A public https link: Meta fetches it on each send (an uploaded media id expires after 30 days, a bot lives longer). */
    link: httpsLink,
    caption: z.string().trim().max(CAPTION_MAX_LENGTH).default(""),
    filename: z.string().trim().max(240).default(""),
  }),
  z.object({
    kind: z.literal("template"),
    templateId: z.uuid(),
    params: z.record(z.string().max(64), z.string().max(2048)).default({}),
    headerLink: z.union([httpsLink, z.literal("")]).default(""),
  }),
  z.object({
    kind: z.literal("buttons"),
    body: z.string().trim().min(1).max(INTERACTIVE_BODY_MAX_LENGTH),
    footer,
    buttons: z.array(botButtonSchema).min(1).max(BUTTONS_MAX).superRefine(distinct),
  }),
  z.object({
    kind: z.literal("list"),
    body: z.string().trim().min(1).max(INTERACTIVE_BODY_MAX_LENGTH),
    footer,
    buttonLabel: z.string().trim().min(1).max(LIST_BUTTON_MAX_LENGTH),
    rows: z.array(botRowSchema).min(1).max(LIST_ROWS_MAX).superRefine(distinct),
  }),
]);
export type BotReply = z.output<typeof botReplySchema>;
export type BotReplyKind = BotReply["kind"];

export const LEAD_STATUSES = ["new", "in_progress", "contacted", "qualified", "closed"] as const;

export const botActionsSchema = z.object({
  leadStatus: z.enum(LEAD_STATUSES).nullish().transform((value) => value ?? null),
  leadSourceId: z.uuid().nullish().transform((value) => value ?? null),
  addTag: z.string().trim().max(TAG_MAX_LENGTH).nullish().transform((value) => value || null),
  assignUserId: z.uuid().nullish().transform((value) => value ?? null),
  /** Hand the chat over to a human: every bot in it pauses as after a stop keyword. */
  handOver: z.boolean().default(false),
});
export type BotActions = z.output<typeof botActionsSchema>;
export const NO_ACTIONS: BotActions = { leadStatus: null, leadSourceId: null, addTag: null, assignUserId: null, handOver: false };

/** What an admin saves: checked as a whole, so a keyword bot without keywords or a fallback without its limit is refused in place. */
export const botInputSchema = z
  .object({
    name: z.string().trim().min(1).max(BOT_NAME_MAX_LENGTH),
    enabled: z.boolean().default(true),
    audience: z.enum(BOT_AUDIENCES).default("everyone"),
    trigger: z.enum(BOT_TRIGGERS),
    keywords: keywordList.default([]),
    keywordMatch: z.enum(KEYWORD_MATCHES).default("contains"),
    reply: botReplySchema,
    actions: botActionsSchema.default(NO_ACTIONS),
    delaySeconds: z.coerce.number().int().min(0).max(DELAY_MAX_SECONDS).default(0),
    /** At most once per conversation every N hours; null: each time it matches. */
    oncePerHours: z.coerce.number().int().min(1).max(ONCE_PER_MAX_HOURS).nullable().default(null),
  })
  .superRefine((bot, context) => {
    if (bot.trigger === "keyword" && bot.keywords.length === 0) context.addIssue({ code: "custom", path: ["keywords"], message: "validation.required" });
    if (bot.trigger === "fallback" && bot.oncePerHours === null) context.addIssue({ code: "custom", path: ["oncePerHours"], message: "validation.required" });
  });
export type BotInput = z.output<typeof botInputSchema>;

/** The id WhatsApp echoes when a customer taps one of a bot's buttons or rows: `bot:<bot id>:<option id>`. */
export function optionReplyId(botId: string, optionId: string): string {
  return `bot:${botId}:${optionId}`;
}

const REPLY_ID = /^bot:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{1,16})$/i;

export function parseOptionReplyId(id: unknown): { botId: string; optionId: string } | null {
  const match = typeof id === "string" ? REPLY_ID.exec(id) : null;
  return match ? { botId: match[1]!.toLowerCase(), optionId: match[2]! } : null;
}

/** The buttons or rows of a reply, whichever it has. */
export function replyOptions(reply: BotReply): { id: string; title: string; nextBotId: string | null }[] {
  if (reply.kind === "buttons") return reply.buttons;
  if (reply.kind === "list") return reply.rows;
  return [];
}
