import { describe, expect, it } from "vitest";
import { decideTurn, matchesKeywords, type RuleBot, type TurnFacts, type TurnMessage } from "@/lib/bots/rules/decide";
import { NO_ACTIONS, optionReplyId } from "@/lib/bots/rules/definition";

const NOW = new Date("2026-03-02T15:00:00Z");
const HOUR = 3_600_000;
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

function bot(partial: Partial<RuleBot> & Pick<RuleBot, "trigger">): RuleBot {
  return {
    id: id(),
    name: partial.trigger,
    audience: "everyone",
    keywords: [],
    keywordMatch: "contains",
    reply: { kind: "text", text: "hi" },
    actions: NO_ACTIONS,
    delaySeconds: 0,
    oncePerHours: null,
    position: 0,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    ...partial,
  };
}
const msg = (text: string | null, extra: Partial<TurnMessage> = {}): TurnMessage => ({ id: id(), text, replyId: null, first: false, ...extra });
const facts = (partial: Partial<TurnFacts>): TurnFacts => ({ messages: [], bots: [], contact: "lead", open: true, lastSentAt: new Map(), now: NOW, ...partial });
const answered = (f: TurnFacts) => decideTurn(f).answer?.bot.id ?? null;

describe("keyword matching", () => {
  it("contains: whole words and phrases, accents and case ignored", () => {
    const k = { keywords: ["preço", "entrega rápida"], keywordMatch: "contains" as const };
    expect(matchesKeywords(k, "Qual o PRECO?")).toBe(true);
    expect(matchesKeywords(k, "quero   entrega  rapida hoje")).toBe(true);
    expect(matchesKeywords(k, "precos")).toBe(false);
    expect(matchesKeywords(k, null)).toBe(false);
  });
  it("exact: the whole message, folded and trimmed", () => {
    const k = { keywords: ["1", "Cardápio"], keywordMatch: "exact" as const };
    expect(matchesKeywords(k, " 1 ")).toBe(true);
    expect(matchesKeywords(k, "cardapio")).toBe(true);
    expect(matchesKeywords(k, "1 por favor")).toBe(false);
    expect(matchesKeywords({ keywords: ["  "], keywordMatch: "exact" }, "  ")).toBe(false);
  });
});

describe("precedence: button > keyword > welcome > away > fallback", () => {
  const second = bot({ trigger: "button" });
  const menu = bot({ trigger: "welcome", reply: { kind: "buttons", body: "Menu", footer: "", buttons: [{ id: "a", title: "Preços", nextBotId: second.id }, { id: "b", title: "Outro", nextBotId: null }] } });
  const keyword = bot({ trigger: "keyword", keywords: ["preços"] });
  const away = bot({ trigger: "away" });
  const fallback = bot({ trigger: "fallback", oncePerHours: 24 });
  const all = [menu, second, keyword, away, fallback];

  it("a tap on an option with a next bot: that bot, and a click on the menu", () => {
    const decision = decideTurn(facts({ bots: all, open: false, messages: [msg("Preços", { replyId: optionReplyId(menu.id, "a"), first: true })] }));
    expect(decision.answer).toMatchObject({ bot: { id: second.id }, trigger: "button" });
    expect(decision.clicks).toEqual([menu.id]);
  });
  it("a tap on an option without a next bot falls through, its title read as text", () => {
    const decision = decideTurn(facts({ bots: all, messages: [msg("preços", { replyId: optionReplyId(menu.id, "b") })] }));
    expect(decision.answer).toMatchObject({ bot: { id: keyword.id }, trigger: "keyword" });
    expect(decision.clicks).toEqual([menu.id]);
  });
  it("a tap naming an option that no longer exists counts nothing", () => {
    const decision = decideTurn(facts({ bots: all, messages: [msg("x", { replyId: optionReplyId(menu.id, "zz") }), msg("y", { replyId: "bot:not-a-uuid:a" })] }));
    expect(decision.clicks).toEqual([]);
    expect(decision.answer?.trigger).toBe("fallback");
  });
  it("a keyword message from a new contact outside hours: the keyword bot only", () => {
    expect(answered(facts({ bots: all, open: false, messages: [msg("quais os preços?", { first: true })] }))).toBe(keyword.id);
  });
  it("a new contact outside hours: welcome; an old one outside hours: away; inside hours: fallback", () => {
    expect(answered(facts({ bots: all, open: false, messages: [msg("oi", { first: true })] }))).toBe(menu.id);
    expect(answered(facts({ bots: all, open: false, messages: [msg("oi")] }))).toBe(away.id);
    expect(answered(facts({ bots: all, open: true, messages: [msg("oi")] }))).toBe(fallback.id);
  });
  it("nothing matches without a fallback", () => {
    expect(decideTurn(facts({ bots: [keyword, away], open: true, messages: [msg("oi")] })).answer).toBeNull();
  });
});

describe("order, audience and limits", () => {
  it("keyword bots by position then age; the latest matching message wins", () => {
    const later = bot({ trigger: "keyword", keywords: ["entrega"], position: 2 });
    const first = bot({ trigger: "keyword", keywords: ["entrega"], position: 1 });
    const pix = bot({ trigger: "keyword", keywords: ["pix"], position: 0 });
    expect(answered(facts({ bots: [later, first, pix], messages: [msg("entrega?")] }))).toBe(first.id);
    expect(answered(facts({ bots: [later, first, pix], messages: [msg("pix?"), msg("e a entrega?")] }))).toBe(first.id);
    expect(answered(facts({ bots: [later, first, pix], messages: [msg("e a entrega?"), msg("pix?")] }))).toBe(pix.id);
  });
  it("audience: leads (no lead, or not won) and customers (won)", () => {
    const forLeads = bot({ trigger: "fallback", audience: "leads", oncePerHours: 1 });
    const forCustomers = bot({ trigger: "fallback", audience: "customers", oncePerHours: 1, position: 1 });
    expect(answered(facts({ bots: [forLeads, forCustomers], contact: "lead", messages: [msg("oi")] }))).toBe(forLeads.id);
    expect(answered(facts({ bots: [forLeads, forCustomers], contact: "customer", messages: [msg("oi")] }))).toBe(forCustomers.id);
  });
  it("a bot inside its once-per-N-hours is no match and the next may answer", () => {
    const keyword = bot({ trigger: "keyword", keywords: ["oi"], oncePerHours: 2 });
    const fallback = bot({ trigger: "fallback", oncePerHours: 24 });
    const recently = new Map([[keyword.id, new Date(NOW.getTime() - HOUR)]]);
    expect(answered(facts({ bots: [keyword, fallback], lastSentAt: recently, messages: [msg("oi")] }))).toBe(fallback.id);
    const longAgo = new Map([[keyword.id, new Date(NOW.getTime() - 2 * HOUR)]]);
    expect(answered(facts({ bots: [keyword, fallback], lastSentAt: longAgo, messages: [msg("oi")] }))).toBe(keyword.id);
  });
  it("a fallback stored without a limit still answers at most once a day", () => {
    const fallback = bot({ trigger: "fallback", oncePerHours: null });
    expect(answered(facts({ bots: [fallback], lastSentAt: new Map([[fallback.id, new Date(NOW.getTime() - 23 * HOUR)]]), messages: [msg("oi")] }))).toBeNull();
    expect(answered(facts({ bots: [fallback], lastSentAt: new Map([[fallback.id, new Date(NOW.getTime() - 25 * HOUR)]]), messages: [msg("oi")] }))).toBe(fallback.id);
  });
  it("a button bot never answers by itself", () => {
    expect(answered(facts({ bots: [bot({ trigger: "button" })], messages: [msg("oi", { first: true })] }))).toBeNull();
  });
});
