import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBotAction, deleteBotAction, moveBotAction, setBotEnabledAction, updateBotAction } from "@/app/(dashboard)/settings/bots/actions";
import { botInputSchema, type BotInput } from "@/lib/bots/rules/definition";
import { botChoices, createBot, deleteBot, getBot, linksTo, listBots, MAX_BOTS, moveBot, setBotEnabled, updateBot } from "@/lib/bots/rules/manage";
import type { DbConnection } from "@/lib/db/client";
import { leadSources, memberships, messageBots, messageTemplates } from "@/lib/db/schema";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

/*
 * Rule (issue 18): the Bots screen is for admins. Agents are refused on every action ("not found"), another
 * workspace's bot is not found, every reference a bot makes (next bots, template, lead source, assignee) must
 * be the workspace's own, and hostile input is a field error with nothing stored. Deleting a bot clears the
 * options that led to it in the same transaction.
 */

type Who = { userId: string; workspaceId: string; role: "admin" | "agent" };
let connection: DbConnection;
const db = () => connection.db;
let A: { id: string; admin: Who; agent: Who; inactive: Who; sourceId: string; archivedSourceId: string; approvedTemplate: string; mediaTemplate: string; pendingTemplate: string };
let B: { id: string; admin: Who; sourceId: string; template: string; botId: string };

const asAdmin = () => actAs(A.admin);
const asAgent = () => actAs(A.agent);

const text = (name: string, extra: Partial<BotInput> = {}) => ({ name, trigger: "keyword", keywords: ["preço"], reply: { kind: "text", text: "Olá {{first_name}}!" }, ...extra }) as never as BotInput;
const menu = (name: string, options: { title: string; nextBotId?: string | null }[], extra: Partial<BotInput> = {}) =>
  ({
    name,
    trigger: "welcome",
    reply: { kind: "buttons", body: "Como podemos ajudar?", buttons: options.map((o, i) => ({ id: `opt${i}`, title: o.title, nextBotId: o.nextBotId ?? null })) },
    ...extra,
  }) as never as BotInput;

async function created(input: unknown): Promise<string> {
  const result = await createBotAction(input as never);
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
  return result.data.id;
}
/** What the action hands lib after parsing: the lib functions take a parsed bot. */
const parsed = (input: unknown): BotInput => botInputSchema.parse(input);
const rowOf = async (id: string) => (await db().select().from(messageBots).where(eq(messageBots.id, id)))[0];
const countOf = async (workspaceId: string) => (await db().select({ id: messageBots.id }).from(messageBots).where(eq(messageBots.workspaceId, workspaceId))).length;

async function template(workspaceId: string, name: string, status: string, components: unknown[]) {
  const [row] = await db()
    .insert(messageTemplates)
    .values({ workspaceId, metaId: `meta-${name}-${workspaceId.slice(0, 8)}`, name, language: "pt_BR", category: "utility", status, components, syncedAt: new Date() })
    .returning({ id: messageTemplates.id });
  return row!.id;
}
const sourceOf = async (workspaceId: string, key: string) =>
  (await db().select({ id: leadSources.id }).from(leadSources).where(and(eq(leadSources.workspaceId, workspaceId), eq(leadSources.systemKey, key))))[0]!.id;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  const a = (await createWorkspace(db(), { name: "Loja A" })).id;
  const b = (await createWorkspace(db(), { name: "Loja B" })).id;
  const who = async (workspaceId: string, role: "admin" | "agent", active = true): Promise<Who> => ({ userId: (await createMember(db(), { workspaceId, role, active })).userId, workspaceId, role });
  const [archived] = await db().insert(leadSources).values({ workspaceId: a, name: "Feira 2024", archivedAt: new Date() }).returning({ id: leadSources.id });
  A = {
    id: a,
    admin: await who(a, "admin"),
    agent: await who(a, "agent"),
    inactive: await who(a, "agent", false),
    sourceId: await sourceOf(a, "instagram"),
    archivedSourceId: archived!.id,
    approvedTemplate: await template(a, "boleto", "approved", [{ type: "BODY", text: "Seu boleto de {{1}} vence amanhã." }]),
    mediaTemplate: await template(a, "catalogo", "approved", [{ type: "HEADER", format: "DOCUMENT" }, { type: "BODY", text: "Nosso catálogo." }]),
    pendingTemplate: await template(a, "promo", "pending", [{ type: "BODY", text: "Promoção!" }]),
  };
  const bAdmin = await who(b, "admin");
  B = { id: b, admin: bAdmin, sourceId: await sourceOf(b, "instagram"), template: await template(b, "b_hello", "approved", [{ type: "BODY", text: "Oi" }]), botId: "" };
  B.botId = (await createBot(db(), bAdmin, parsed(text("Bot da loja B")))).id;
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});

describe("creating and reading bots", () => {
  it("an admin creates a keyword bot, stored trimmed, with defaults filled in", async () => {
    asAdmin();
    const id = await created({ name: "  Preços ", trigger: "keyword", keywords: [" Preço ", "preco", "valor"], keywordMatch: "exact", reply: { kind: "text", text: " Olá {{first_name}}! " } });
    expect(await rowOf(id)).toMatchObject({
      workspaceId: A.id,
      name: "Preços",
      enabled: true,
      audience: "everyone",
      trigger: "keyword",
      keywords: ["Preço", "valor"],
      keywordMatch: "exact",
      reply: { kind: "text", text: "Olá {{first_name}}!" },
      actions: { leadStatus: null, leadSourceId: null, addTag: null, assignUserId: null, handOver: false },
      delaySeconds: 0,
      oncePerHours: null,
    });
    expect(await getBot(db(), A.admin, id)).toMatchObject({ id, name: "Preços", keywords: ["Preço", "valor"] });
  });

  it("a welcome menu with two buttons each leading to another bot, a tree with a way back, and the list's counts", async () => {
    asAdmin();
    const prices = await created({ name: "Tabela", trigger: "button", reply: { kind: "text", text: "Nossa tabela..." } });
    const delivery = await created({ name: "Entrega", trigger: "button", reply: { kind: "text", text: "Entregamos em..." } });
    const welcome = await created(menu("Menu", [{ title: "Preços", nextBotId: prices }, { title: "Entrega", nextBotId: delivery }]));
    // A "back to menu" button: a cycle, allowed on purpose.
    const back = await updateBotAction({
      id: delivery,
      ...menu("Entrega", [{ title: "Voltar ao menu", nextBotId: welcome }], { trigger: "button" }),
    } as never);
    expect(back).toMatchObject({ ok: true });
    await db().update(messageBots).set({ sentCount: 7, clickCount: 3 }).where(eq(messageBots.id, welcome));

    const list = await listBots(db(), A.admin);
    expect(list.find((bot) => bot.id === welcome)).toMatchObject({ name: "Menu", trigger: "welcome", replyKind: "buttons", sentCount: 7, clickCount: 3, linkedFrom: 1 });
    expect(list.find((bot) => bot.id === prices)).toMatchObject({ trigger: "button", linkedFrom: 1 });
    // Listed in the order they are tried: button replies before keywords before the welcome.
    const triggers = list.map((bot) => bot.trigger);
    expect(triggers.indexOf("button")).toBeLessThan(triggers.indexOf("keyword"));
    expect(triggers.lastIndexOf("keyword")).toBeLessThan(triggers.indexOf("welcome"));
    // The editor offers every bot but the one edited, and never another workspace's.
    const choices = await botChoices(db(), A.admin, welcome);
    expect(choices.map((c) => c.id)).toEqual(expect.arrayContaining([prices, delivery]));
    expect(choices.map((c) => c.id)).not.toContain(welcome);
    expect(choices.map((c) => c.id)).not.toContain(B.botId);
  });

  it("a template bot keeps only the template's own parameters, trimmed, and a media header link", async () => {
    asAdmin();
    const id = await created({ name: "Boleto", trigger: "fallback", oncePerHours: 24, reply: { kind: "template", templateId: A.approvedTemplate, params: { "body:1": " R$ 10 ", "body:9": "sobra" } } });
    expect((await rowOf(id))!.reply).toEqual({ kind: "template", templateId: A.approvedTemplate, params: { "body:1": "R$ 10" }, headerLink: "" });
    const media = await created({ name: "Catálogo", trigger: "keyword", keywords: ["catálogo"], reply: { kind: "template", templateId: A.mediaTemplate, headerLink: "https://example.com/c.pdf" } });
    expect((await rowOf(media))!.reply).toMatchObject({ headerLink: "https://example.com/c.pdf" });
  });

  it("actions may name the workspace's active source and an active member", async () => {
    asAdmin();
    const id = await created(text("Com ações", { actions: { leadStatus: "contacted", leadSourceId: A.sourceId, addTag: " vip ", assignUserId: A.agent.userId, handOver: true } as never }));
    expect((await rowOf(id))!.actions).toEqual({ leadStatus: "contacted", leadSourceId: A.sourceId, addTag: "vip", assignUserId: A.agent.userId, handOver: true });
  });

  it("keywords are kept only for a keyword bot", async () => {
    asAdmin();
    const id = await created({ name: "Boas-vindas", trigger: "welcome", keywords: ["oi"], reply: { kind: "text", text: "Bem-vindo!" } });
    expect((await rowOf(id))!.keywords).toEqual([]);
  });
});

describe("updating, toggling, moving", () => {
  it("an admin edits a bot; changing its trigger puts it last there", async () => {
    asAdmin();
    const first = await created({ name: "Fora 1", trigger: "away", reply: { kind: "text", text: "Fechados" } });
    const keywordBot = await created(text("Vira away"));
    expect(await updateBotAction({ id: keywordBot, name: "Agora away", trigger: "away", reply: { kind: "text", text: "Voltamos às 8h" }, delaySeconds: 5 } as never)).toMatchObject({ ok: true });
    const away = (await listBots(db(), A.admin)).filter((bot) => bot.trigger === "away");
    expect(away.map((bot) => bot.id)).toEqual([first, keywordBot]);
    expect(await rowOf(keywordBot)).toMatchObject({ name: "Agora away", trigger: "away", delaySeconds: 5, keywords: [] });
  });

  it("toggles a bot off and on", async () => {
    asAdmin();
    const id = await created(text("Liga desliga"));
    expect(await setBotEnabledAction({ id, enabled: false })).toMatchObject({ ok: true });
    expect((await rowOf(id))!.enabled).toBe(false);
    expect(await setBotEnabledAction({ id, enabled: true })).toMatchObject({ ok: true });
    expect((await rowOf(id))!.enabled).toBe(true);
  });

  it("moves a bot up and down within its trigger only", async () => {
    asAdmin();
    const ids = [await created({ name: "F1", trigger: "fallback", oncePerHours: 1, reply: { kind: "text", text: "1" } })];
    ids.push(await created({ name: "F2", trigger: "fallback", oncePerHours: 1, reply: { kind: "text", text: "2" } }));
    ids.push(await created({ name: "F3", trigger: "fallback", oncePerHours: 1, reply: { kind: "text", text: "3" } }));
    // "Boleto", a fallback made above, is first among the fallbacks.
    const order = async () => (await listBots(db(), A.admin)).filter((bot) => bot.trigger === "fallback").map((bot) => bot.name);
    expect(await order()).toEqual(["Boleto", "F1", "F2", "F3"]);
    expect(await moveBotAction({ id: ids[2]!, direction: "up" })).toMatchObject({ ok: true });
    expect(await order()).toEqual(["Boleto", "F1", "F3", "F2"]);
    await moveBot(db(), A.admin, ids[0]!, "up");
    expect(await order()).toEqual(["F1", "Boleto", "F3", "F2"]);
    await moveBot(db(), A.admin, ids[0]!, "up"); // already first: nothing moves
    await moveBot(db(), A.admin, ids[1]!, "down"); // already last: nothing moves
    expect(await order()).toEqual(["F1", "Boleto", "F3", "F2"]);
    const fallbacks = (await listBots(db(), A.admin)).filter((bot) => bot.trigger === "fallback");
    expect(fallbacks.map((bot) => [bot.rank, bot.rankCount])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    // Other triggers' order is untouched.
    expect((await listBots(db(), A.admin)).filter((bot) => bot.trigger === "away").map((bot) => bot.name)).toEqual(["Fora 1", "Agora away"]);
  });
});

describe("deleting", () => {
  it("clears the options that led to the bot in the same transaction; the buttons stay", async () => {
    asAdmin();
    const target = await created({ name: "Alvo", trigger: "button", reply: { kind: "text", text: "alvo" } });
    const other = await created({ name: "Outro", trigger: "button", reply: { kind: "text", text: "outro" } });
    const menuA = await created(menu("Menu A", [{ title: "Alvo", nextBotId: target }, { title: "Outro", nextBotId: other }]));
    const listB = await created({
      name: "Lista B",
      trigger: "keyword",
      keywords: ["lista"],
      reply: { kind: "list", body: "Escolha", buttonLabel: "Ver", rows: [{ id: "r1", title: "Alvo", nextBotId: target }, { id: "r2", title: "Alvo de novo", description: "d", nextBotId: target }] },
    });
    expect(await linksTo(db(), A.admin, target)).toBe(3);
    expect(await deleteBotAction({ id: target })).toEqual({ ok: true, data: { unlinked: 3 } });
    expect(await rowOf(target)).toBeUndefined();
    expect((await rowOf(menuA))!.reply).toMatchObject({ buttons: [{ id: "opt0", title: "Alvo", nextBotId: null }, { id: "opt1", title: "Outro", nextBotId: other }] });
    expect((await rowOf(listB))!.reply).toMatchObject({ rows: [{ id: "r1", nextBotId: null }, { id: "r2", title: "Alvo de novo", nextBotId: null }] });
  });

  it("a bot without links is deleted with nothing unlinked", async () => {
    asAdmin();
    const id = await created(text("Sozinho"));
    expect(await deleteBot(db(), A.admin, id)).toEqual({ unlinked: 0 });
    expect(await rowOf(id)).toBeUndefined();
  });
});

describe("refusals", () => {
  it("refuses an agent on every action and every function, storing and changing nothing", async () => {
    asAdmin();
    const id = await created(text("Do admin"));
    const before = await rowOf(id);
    asAgent();
    const calls = [
      createBotAction(text("Do atendente") as never),
      updateBotAction({ id, ...text("Mudado") } as never),
      setBotEnabledAction({ id, enabled: false }),
      moveBotAction({ id, direction: "up" }),
      deleteBotAction({ id }),
    ];
    for (const result of await Promise.all(calls)) expect(result).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await rowOf(id)).toEqual(before);
    await expect(listBots(db(), A.agent)).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(getBot(db(), A.agent, id)).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(createBot(db(), A.agent, parsed(text("x")))).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(setBotEnabled(db(), A.agent, id, false)).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(deleteBot(db(), A.agent, id)).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(updateBot(db(), A.agent, id, parsed(text("x")))).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(moveBot(db(), A.agent, id, "down")).rejects.toMatchObject({ code: "not_found:settings" });
    await expect(botChoices(db(), A.agent)).rejects.toMatchObject({ code: "not_found:settings" });
  });

  it("refuses a bot past the workspace's cap with a reason, and stores nothing", async () => {
    const workspaceId = (await createWorkspace(db(), { name: "Loja cheia" })).id;
    const full: Who = { userId: (await createMember(db(), { workspaceId, role: "admin" })).userId, workspaceId, role: "admin" };
    const bot = parsed(text("Um de muitos"));
    await db().insert(messageBots).values(Array.from({ length: MAX_BOTS }, (_, position) => ({ workspaceId, ...bot, position })));
    actAs(full);
    expect(await createBotAction(text("Mais um") as never)).toMatchObject({ ok: false, code: "conflict:bot", error: `A workspace can have at most ${MAX_BOTS} bots. Delete one first.` });
    expect(await countOf(workspaceId)).toBe(MAX_BOTS);
  });

  it("refuses anonymous callers", async () => {
    actAs(null);
    expect(await createBotAction(text("anon") as never)).toMatchObject({ ok: false, code: "unauthorized:session" });
  });

  it("another workspace's bot, a made-up id and a malformed id are not found, and the other bot is untouched", async () => {
    asAdmin();
    const before = await rowOf(B.botId);
    for (const id of [B.botId, "5b0a8a51-0000-4000-8000-000000000000", "not-a-uuid", "' or 1=1 --", "x".repeat(100)]) {
      expect(await updateBotAction({ id, ...text("Roubado") } as never), id).toMatchObject({ ok: false, code: "not_found:bot" });
      expect(await setBotEnabledAction({ id, enabled: false }), id).toMatchObject({ ok: false, code: "not_found:bot" });
      expect(await moveBotAction({ id, direction: "down" }), id).toMatchObject({ ok: false, code: "not_found:bot" });
      expect(await deleteBotAction({ id }), id).toMatchObject({ ok: false, code: "not_found:bot" });
    }
    await expect(getBot(db(), A.admin, B.botId)).rejects.toMatchObject({ code: "not_found:bot" });
    expect(await rowOf(B.botId)).toEqual(before);
  });

  it("a next bot of another workspace, a made-up one or the bot itself is a field error at the option", async () => {
    asAdmin();
    const count = await countOf(A.id);
    expect(await createBotAction(menu("Menu roubado", [{ title: "B", nextBotId: B.botId }, { title: "Inventado", nextBotId: "5b0a8a51-0000-4000-8000-000000000001" }]))).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { "reply.buttons.0.nextBotId": "Choose one of the options.", "reply.buttons.1.nextBotId": "Choose one of the options." },
    });
    expect(await countOf(A.id)).toBe(count);
    const self = await created(menu("Eu mesmo", [{ title: "Oi" }]));
    expect(await updateBotAction({ id: self, ...menu("Eu mesmo", [{ title: "Oi", nextBotId: self }]) } as never)).toMatchObject({
      ok: false,
      fieldErrors: { "reply.buttons.0.nextBotId": "An option can't lead to its own bot." },
    });
    expect((await rowOf(self))!.reply).toMatchObject({ buttons: [{ nextBotId: null }] });
  });

  it("a template not approved, of another workspace or made up is a field error; so are missing values", async () => {
    asAdmin();
    const count = await countOf(A.id);
    const bot = (reply: unknown) => ({ name: "Modelo", trigger: "welcome", reply });
    expect(await createBotAction(bot({ kind: "template", templateId: A.pendingTemplate }) as never)).toMatchObject({
      ok: false,
      fieldErrors: { "reply.templateId": "This template is not approved by Meta. Choose an approved one." },
    });
    expect(await createBotAction(bot({ kind: "template", templateId: B.template }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.templateId": "Choose one of the options." } });
    expect(await createBotAction(bot({ kind: "template", templateId: "5b0a8a51-0000-4000-8000-000000000002" }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.templateId": expect.any(String) } });
    expect(await createBotAction(bot({ kind: "template", templateId: A.approvedTemplate, params: { "body:1": "  " } }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.params.body:1": "Required." } });
    expect(await createBotAction(bot({ kind: "template", templateId: A.approvedTemplate, params: { "body:1": "a\nb" } }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.params.body:1": expect.stringContaining("Line breaks") } });
    expect(await createBotAction(bot({ kind: "template", templateId: A.mediaTemplate }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.headerLink": "Add the header's file." } });
    expect(await createBotAction(bot({ kind: "template", templateId: A.mediaTemplate, headerLink: "http://example.com/x.pdf" }) as never)).toMatchObject({ ok: false, fieldErrors: { "reply.headerLink": expect.any(String) } });
    expect(await countOf(A.id)).toBe(count);
  });

  it("a lead source of another workspace or archived, and a member of another workspace or inactive, are field errors", async () => {
    asAdmin();
    const count = await countOf(A.id);
    for (const [actions, field] of [
      [{ leadSourceId: B.sourceId }, "actions.leadSourceId"],
      [{ leadSourceId: A.archivedSourceId }, "actions.leadSourceId"],
      [{ assignUserId: B.admin.userId }, "actions.assignUserId"],
      [{ assignUserId: A.inactive.userId }, "actions.assignUserId"],
    ] as const) {
      expect(await createBotAction(text("Ações ruins", { actions: actions as never }) as never), field).toMatchObject({ ok: false, fieldErrors: { [field]: "Choose one of the options." } });
    }
    expect(await countOf(A.id)).toBe(count);
    // The inactive member really is inactive (the check is not just "any id fails").
    expect((await db().select({ active: memberships.active }).from(memberships).where(eq(memberships.userId, A.inactive.userId)))[0]!.active).toBe(false);
  });

  it("hostile input: NUL characters, 10,000-character names, 4 buttons, duplicate titles, junk JSON; nothing stored", async () => {
    asAdmin();
    const count = await countOf(A.id);
    expect(await createBotAction({ name: "a\u0000b", trigger: "keyword", keywords: ["x\u0000"], reply: { kind: "text", text: "oi\u0000" } } as never)).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { name: "Remove the invisible NUL character from this text.", keywords: expect.any(String), "reply.text": expect.any(String) },
    });
    expect(await createBotAction(menu("Nul", [{ title: "ok\u0000" }]))).toMatchObject({ ok: false, fieldErrors: { "reply.buttons.0.title": expect.stringContaining("NUL") } });
    expect(await createBotAction({ name: "T", trigger: "welcome", reply: { kind: "template", templateId: A.approvedTemplate, params: { "body:1": "R$\u0000" } } } as never)).toMatchObject({
      ok: false,
      fieldErrors: { "reply.params.body:1": expect.any(String) },
    });
    expect(await createBotAction(text("n".repeat(10_000)))).toMatchObject({ ok: false, fieldErrors: { name: "Use at most 80 characters." } });
    expect(await createBotAction(menu("Quatro", [{ title: "1" }, { title: "2" }, { title: "3" }, { title: "4" }]))).toMatchObject({ ok: false, fieldErrors: { "reply.buttons": expect.any(String) } });
    expect(await createBotAction(menu("Repetidos", [{ title: "Preço" }, { title: "preço" }]))).toMatchObject({ ok: false, fieldErrors: { "reply.buttons.1.title": "Each option needs a different title." } });
    expect(await createBotAction(menu("Longo", [{ title: "x".repeat(21) }]))).toMatchObject({ ok: false, fieldErrors: { "reply.buttons.0.title": "Use at most 20 characters." } });
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Item ${i}` }));
    expect(await createBotAction({ name: "Lista", trigger: "welcome", reply: { kind: "list", body: "b", buttonLabel: "Ver", rows } } as never)).toMatchObject({ ok: false, fieldErrors: { "reply.rows": expect.any(String) } });
    expect(await createBotAction({ name: "Id ruim", trigger: "welcome", reply: { kind: "buttons", body: "b", buttons: [{ id: "has space", title: "a" }] } } as never)).toMatchObject({
      ok: false,
      fieldErrors: { "reply.buttons.0.id": "Invalid value." },
    });
    expect(await createBotAction(menu("Next ruim", [{ title: "a", nextBotId: "not-a-uuid" }]))).toMatchObject({ ok: false, fieldErrors: { "reply.buttons.0.nextBotId": expect.any(String) } });
    expect(await createBotAction(text("Sem palavras", { keywords: [] }))).toMatchObject({ ok: false, fieldErrors: { keywords: "Required." } });
    expect(await createBotAction({ name: "Fallback", trigger: "fallback", reply: { kind: "text", text: "?" } } as never)).toMatchObject({ ok: false, fieldErrors: { oncePerHours: "Required." } });
    expect(await createBotAction(text("Demora", { delaySeconds: 99_999, oncePerHours: 0 }))).toMatchObject({ ok: false, fieldErrors: { delaySeconds: expect.any(String), oncePerHours: expect.any(String) } });

    let deep: unknown = "fundo";
    for (let i = 0; i < 2_000; i++) deep = { reply: deep };
    const junk: unknown[] = [
      null,
      "bot",
      [],
      { name: 5, trigger: "welcome", reply: { kind: "text", text: "x" } },
      { name: "x", trigger: "sempre", reply: { kind: "text", text: "x" } },
      { name: "x", trigger: "welcome", reply: { kind: "video", link: "https://x" } },
      { name: "x", trigger: "welcome", reply: deep },
      { name: "x", trigger: "welcome", reply: { kind: "text", text: "x" }, actions: { leadStatus: "won", handOver: "yes" } },
      { name: "x", trigger: "welcome", reply: { kind: "media", mediaType: "image", link: "javascript:alert(1)" } },
      { name: "x", trigger: "welcome", audience: "vips", reply: { kind: "text", text: "x" } },
      { name: "x", trigger: "welcome", reply: { kind: "text", text: "x".repeat(1_000_000) } },
    ];
    for (const input of junk) {
      const result = await createBotAction(input as never);
      expect(result, JSON.stringify(input)?.slice(0, 80)).toMatchObject({ ok: false, code: "bad_request:fields" });
    }
    expect(await updateBotAction({ id: B.botId, name: "\u0000" } as never)).toMatchObject({ ok: false, code: "bad_request:fields" });
    expect(await countOf(A.id)).toBe(count);
  });
});
