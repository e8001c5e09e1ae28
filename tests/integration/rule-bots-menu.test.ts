import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { optionReplyId } from "@/lib/bots/rules/definition";
import { messageBots, messageTemplates } from "@/lib/db/schema";
import { getChatMessage } from "@/lib/inbox/queries";
import { syncTemplates } from "@/lib/templates/sync";
import { GraphApiError } from "@/lib/whatsapp/graph-client";
import { sendInteractiveMessage } from "@/lib/whatsapp/interactive-api";
import { sampleTemplates } from "../fakes/graph-templates";
import { HOUR, ruleBotsWorld, TOKEN, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000302";
let w: RuleBotsWorld;

beforeAll(async () => {
  w = await ruleBotsWorld({ phone: PHONE });
  w.graph.templates.set(`2${PHONE.slice(1)}`, sampleTemplates());
  await syncTemplates(w.db, w.workspaceId);
});
afterAll(() => w?.close());
beforeEach(() => w.reset());

describe("a menu two levels deep", () => {
  it("welcome with two buttons → a tap → a list → a tap on a row → the third bot, with clicks and sends counted", async () => {
    const third = await w.insertBot({ trigger: "button", name: "Tênis", reply: { kind: "text", text: "Temos tênis de corrida e casuais." } });
    const second = await w.insertBot({
      trigger: "button",
      name: "Preços",
      reply: {
        kind: "list",
        body: "Escolha uma categoria, {{first_name}}",
        footer: "Loja",
        buttonLabel: "Ver categorias",
        rows: [
          { id: "tenis", title: "Tênis", description: "Corrida e casual", nextBotId: third.id },
          { id: "camisetas", title: "Camisetas", description: "", nextBotId: null },
        ],
      },
    });
    const menu = await w.insertBot({
      trigger: "welcome",
      name: "Menu",
      reply: {
        kind: "buttons",
        body: "Olá! Como podemos ajudar?",
        footer: "",
        buttons: [
          { id: "precos", title: "Preços", nextBotId: second.id },
          { id: "humano", title: "Falar com alguém", nextBotId: null },
        ],
      },
    });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "oi")]);
    await w.drainNow();
    const [first] = w.sentTo(waId);
    expect(first).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Olá! Como podemos ajudar?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: optionReplyId(menu.id, "precos"), title: "Preços" } },
            { type: "reply", reply: { id: optionReplyId(menu.id, "humano"), title: "Falar com alguém" } },
          ],
        },
      },
    });
    expect((first!.interactive as Record<string, unknown>).footer).toBeUndefined();

    await w.post([w.tap(waId, optionReplyId(menu.id, "precos"), "Preços")]);
    await w.drainNow();
    const list = w.sentTo(waId)[1]!;
    expect(list).toMatchObject({
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Escolha uma categoria, Maria" },
        footer: { text: "Loja" },
        action: {
          button: "Ver categorias",
          sections: [{ rows: [{ id: optionReplyId(second.id, "tenis"), title: "Tênis", description: "Corrida e casual" }, { id: optionReplyId(second.id, "camisetas"), title: "Camisetas" }] }],
        },
      },
    });

    await w.post([w.tap(waId, optionReplyId(second.id, "tenis"), "Tênis", "list_reply")]);
    await w.drainNow();
    expect((w.sentTo(waId)[2]!.text as { body: string }).body).toBe("Temos tênis de corrida e casuais.");

    // A tap on a row without a next bot counts a click and answers nothing (no other bot matches).
    await w.post([w.tap(waId, optionReplyId(second.id, "camisetas"), "Camisetas", "list_reply")]);
    await w.drainNow();
    expect(w.sentTo(waId)).toHaveLength(3);

    expect(await w.botRow(menu.id)).toMatchObject({ sentCount: 1, clickCount: 1 });
    expect(await w.botRow(second.id)).toMatchObject({ sentCount: 1, clickCount: 2 });
    expect(await w.botRow(third.id)).toMatchObject({ sentCount: 1, clickCount: 0 });

    // The chat shows the bot's menu as an interactive message of that bot, with its buttons.
    const stored = (await w.botMessages(waId)).find((m) => m.botId === menu.id)!;
    expect(stored).toMatchObject({ type: "interactive", text: "Olá! Como podemos ajudar?", status: "sent" });
    const chat = await getChatMessage(w.db, w.workspaceId, stored.id);
    expect(chat).toMatchObject({ sender: "bot", bot: { id: menu.id, name: "Menu" } });
  });

  it("a tap on a button of a bot switched off since counts nothing and falls through", async () => {
    const next = await w.insertBot({ trigger: "button", reply: { kind: "text", text: "segundo" } });
    const menu = await w.insertBot({ trigger: "keyword", keywords: ["menu"], reply: { kind: "buttons", body: "Menu", footer: "", buttons: [{ id: "a", title: "A", nextBotId: next.id }] } });
    await w.insertBot({ trigger: "fallback", oncePerHours: 24, reply: { kind: "text", text: "fallback" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "menu")]);
    await w.drainNow();
    await w.db.update(messageBots).set({ enabled: false }).where(eq(messageBots.id, menu.id));
    await w.post([w.tap(waId, optionReplyId(menu.id, "a"), "A")]);
    await w.drainNow();
    expect(w.sentTo(waId).map((b) => b.type)).toEqual(["interactive", "text"]);
    expect((await w.botRow(menu.id)).clickCount).toBe(0);
    expect((await w.botRow(next.id)).sentCount).toBe(0);
  });
});

describe("the Graph API fake checks interactive sends as Meta does", () => {
  it("refuses four buttons, a title over 20 characters, repeated ids and eleven rows", async () => {
    const phone = PHONE;
    const send = (interactive: unknown) => sendInteractiveMessage(TOKEN, phone, { to: "5511999990000", interactive: interactive as never });
    const button = (id: string, title = id) => ({ type: "reply", reply: { id, title } });
    const refusal = async (interactive: unknown) => {
      const error = await send(interactive).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphApiError);
      return { code: (error as GraphApiError).code, details: (error as GraphApiError).details };
    };
    expect(await refusal({ type: "button", body: { text: "x" }, action: { buttons: ["a", "b", "c", "d"].map((id) => button(id)) } })).toMatchObject({ code: 131009, details: expect.stringContaining("Buttons count") });
    expect(await refusal({ type: "button", body: { text: "x" }, action: { buttons: [button("a", "x".repeat(21))] } })).toMatchObject({ code: 131009, details: expect.stringContaining("title length") });
    expect(await refusal({ type: "button", body: { text: "x" }, action: { buttons: [button("a", "A"), button("a", "B")] } })).toMatchObject({ code: 131009 });
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    expect(await refusal({ type: "list", body: { text: "x" }, action: { button: "Ver", sections: [{ rows }] } })).toMatchObject({ code: 131009, details: expect.stringContaining("row count") });
    expect(await refusal({ type: "list", body: { text: "" }, action: { button: "Ver", sections: [{ rows: rows.slice(0, 2) }] } })).toMatchObject({ code: 100 });
    await expect(send({ type: "list", body: { text: "x" }, action: { button: "Ver", sections: [{ rows: rows.slice(0, 10) }] } })).resolves.toMatchObject({ messages: [{ id: expect.any(String) }] });
  });
});

describe("files and templates", () => {
  it("sends an image by its link with the caption's variables filled", async () => {
    await w.insertBot({ trigger: "keyword", keywords: ["foto"], reply: { kind: "media", mediaType: "image", link: "https://cdn.example.com/tenis.jpg", caption: "Para você, {{first_name}}", filename: "" } });
    await w.insertBot({ trigger: "keyword", keywords: ["catálogo"], reply: { kind: "media", mediaType: "document", link: "https://cdn.example.com/catalogo.pdf", caption: "", filename: "catalogo.pdf" } });
    const waId = w.newCustomer();
    await w.post([w.text(waId, "tem foto?")]);
    await w.drainNow();
    await w.post([w.text(waId, "manda o catalogo")]);
    await w.drainNow();
    const [image, document] = w.sentTo(waId);
    expect(image).toMatchObject({ type: "image", image: { link: "https://cdn.example.com/tenis.jpg", caption: "Para você, Maria" } });
    expect(document).toMatchObject({ type: "document", document: { link: "https://cdn.example.com/catalogo.pdf", filename: "catalogo.pdf" } });
    const stored = (await w.botMessages(waId)).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    expect(stored.map((m) => [m.type, m.status, m.text])).toEqual([["image", "sent", "Para você, Maria"], ["document", "sent", null]]);
  });

  it("outside the 24-hour window a free-form reply is not attempted; a template reply is sent", async () => {
    const [template] = await w.db.select().from(messageTemplates).where(eq(messageTemplates.name, "welcome_offer"));
    await w.insertBot({ trigger: "keyword", keywords: ["oi"], reply: { kind: "text", text: "texto livre" } });
    const templateBot = await w.insertBot({
      trigger: "keyword",
      keywords: ["cupom"],
      reply: { kind: "template", templateId: template!.id, params: { "body:first_name": "{{first_name}}", "body:coupon": "BEMVINDO10" }, headerLink: "https://cdn.example.com/oferta.jpg" },
    });
    const waId = w.newCustomer();
    const dayAgo = Math.floor((Date.now() - 25 * HOUR) / 1000);
    await w.post([w.text(waId, "oi", dayAgo)]);
    await w.drainNow();
    expect(w.sentTo(waId)).toEqual([]);
    expect(await w.botMessages(waId)).toEqual([]);

    await w.post([w.text(waId, "quero o cupom", dayAgo + 1)]);
    await w.drainNow();
    const [sent] = w.sentTo(waId);
    expect(sent).toMatchObject({ type: "template", template: { name: "welcome_offer", language: { code: template!.language } } });
    expect(JSON.stringify(sent)).toContain("Maria");
    const [stored] = await w.botMessages(waId);
    expect(stored).toMatchObject({ type: "template", botId: templateBot.id, status: "sent", text: "Oi Maria! Use o cupom BEMVINDO10 na sua próxima compra." });
  });
});
