import {
  FALLBACK_DEFAULT_ONCE_PER_HOURS,
  type BotAudience,
  type BotInput,
  type BotReply,
  type BotReplyKind,
  type BotTrigger,
  type KeywordMatch,
} from "@/lib/bots/rules/definition";
import type { BotDetail } from "@/lib/bots/rules/manage-queries";

/*
 * The editor's state: every reply kind keeps what was typed in it, so
 * switching kinds back and forth loses nothing; only the chosen kind is
 * saved. Numbers stay strings while typed.
 */

export type OptionState = { id: string; title: string; description: string; nextBotId: string | null };

export type EditorState = {
  name: string;
  enabled: boolean;
  audience: BotAudience;
  trigger: BotTrigger;
  keywords: string[];
  keywordMatch: KeywordMatch;
  replyKind: BotReplyKind;
  text: string;
  media: { mediaType: "image" | "document"; link: string; caption: string; filename: string };
  template: { templateId: string | null; params: Record<string, string>; headerLink: string };
  body: string;
  footer: string;
  buttons: OptionState[];
  listButton: string;
  rows: OptionState[];
  leadStatus: string | null;
  leadSourceId: string | null;
  addTag: string;
  assignUserId: string | null;
  handOver: boolean;
  delaySeconds: string;
  oncePerHours: string;
};

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A button's or row's own id (what WhatsApp echoes back on a tap), made once
 * when the option is added and kept on every edit. getRandomValues works on
 * plain http too, where crypto.randomUUID does not.
 */
export function newOptionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const newOption = (): OptionState => ({ id: newOptionId(), title: "", description: "", nextBotId: null });

export function initialState(bot: BotDetail | null): EditorState {
  const reply = bot?.reply;
  const state: EditorState = {
    name: bot?.name ?? "",
    enabled: bot?.enabled ?? true,
    audience: bot?.audience ?? "everyone",
    trigger: bot?.trigger ?? "welcome",
    keywords: bot?.keywords ?? [],
    keywordMatch: bot?.keywordMatch ?? "contains",
    replyKind: reply?.kind ?? "text",
    text: "",
    media: { mediaType: "image", link: "", caption: "", filename: "" },
    template: { templateId: null, params: {}, headerLink: "" },
    body: "",
    footer: "",
    buttons: [newOption()],
    listButton: "",
    rows: [newOption()],
    leadStatus: bot?.actions.leadStatus ?? null,
    leadSourceId: bot?.actions.leadSourceId ?? null,
    addTag: bot?.actions.addTag ?? "",
    assignUserId: bot?.actions.assignUserId ?? null,
    handOver: bot?.actions.handOver ?? false,
    delaySeconds: String(bot?.delaySeconds ?? 0),
    oncePerHours: bot?.oncePerHours == null ? "" : String(bot.oncePerHours),
  };
  if (!reply) return state;
  switch (reply.kind) {
    case "text":
      return { ...state, text: reply.text };
    case "media":
      return { ...state, media: { mediaType: reply.mediaType, link: reply.link, caption: reply.caption, filename: reply.filename } };
    case "template":
      return { ...state, template: { templateId: reply.templateId, params: reply.params, headerLink: reply.headerLink } };
    case "buttons":
      return { ...state, body: reply.body, footer: reply.footer, buttons: reply.buttons.map((b) => ({ ...b, description: "" })) };
    case "list":
      return { ...state, body: reply.body, footer: reply.footer, listButton: reply.buttonLabel, rows: reply.rows };
  }
}

/** The reply as the server parses it (botReplySchema). */
function replyOf(state: EditorState): BotReply {
  switch (state.replyKind) {
    case "text":
      return { kind: "text", text: state.text };
    case "media":
      return { kind: "media", ...state.media };
    case "template":
      return { kind: "template", templateId: state.template.templateId ?? "", params: state.template.params, headerLink: state.template.headerLink };
    case "buttons":
      return { kind: "buttons", body: state.body, footer: state.footer, buttons: state.buttons.map(({ id, title, nextBotId }) => ({ id, title, nextBotId })) };
    case "list":
      return { kind: "list", body: state.body, footer: state.footer, buttonLabel: state.listButton, rows: state.rows };
  }
}

/** An empty number field: 0 for the delay; no limit for "once every N hours" (the fallback's is required: the server says so in place). */
function wholeNumber(value: string, empty: number | null): number | null {
  const trimmed = value.trim();
  return trimmed === "" ? empty : Number(trimmed);
}

export function inputOf(state: EditorState): BotInput {
  return {
    name: state.name,
    enabled: state.enabled,
    audience: state.audience,
    trigger: state.trigger,
    keywords: state.trigger === "keyword" ? state.keywords : [],
    keywordMatch: state.keywordMatch,
    reply: replyOf(state),
    actions: {
      leadStatus: (state.leadStatus as BotInput["actions"]["leadStatus"]) ?? null,
      leadSourceId: state.leadSourceId,
      addTag: state.addTag.trim() || null,
      assignUserId: state.assignUserId,
      handOver: state.handOver,
    },
    delaySeconds: wholeNumber(state.delaySeconds, 0) ?? 0,
    oncePerHours: wholeNumber(state.oncePerHours, null),
  };
}

/** Switching to the fallback fills in its usual limit, which it requires. */
export function withTrigger(state: EditorState, trigger: BotTrigger): EditorState {
  const oncePerHours = trigger === "fallback" && state.oncePerHours.trim() === "" ? String(FALLBACK_DEFAULT_ONCE_PER_HOURS) : state.oncePerHours;
  return { ...state, trigger, oncePerHours };
}
