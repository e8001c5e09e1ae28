import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageContent } from "@/components/inbox/message-content";
import type { ChatMessage } from "@/lib/inbox/types";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";

const base: ChatMessage = {
  id: "m1", wamid: null, direction: "outbound", sender: "bot", author: null, bot: { id: "b1", name: "Menu" }, type: "interactive",
  text: "Como podemos ajudar?", media: null, payload: null, replyTo: null, reactionEmoji: null, status: "sent", error: null, sentAt: "2026-01-01T00:00:00.000Z",
};
const render = (message: ChatMessage, locale: "en" | "pt-BR" = "en") =>
  renderToStaticMarkup(
    // A .test.ts file has no JSX; the provider's props type requires `children`.
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale, messages: locale === "en" ? en : ptBR, timeZone: "UTC", children: createElement(MessageContent, { message }) }),
  );

describe("a rule bot's message in the chat", () => {
  it("shows its reply buttons as a labelled list of chips under the text", () => {
    const html = render({
      ...base,
      payload: { interactive: { type: "button", body: { text: "Como podemos ajudar?" }, action: { buttons: [{ type: "reply", reply: { id: "bot:x:a", title: "Preços" } }, { type: "reply", reply: { id: "bot:x:b", title: "Entrega" } }] } } },
    });
    expect(html).toContain("Como podemos ajudar?");
    expect(html).toMatch(/<ul aria-label="Reply buttons"[^>]*><li[^>]*>Preços<\/li><li[^>]*>Entrega<\/li><\/ul>/);
  });
  it("shows a list's button label and rows, in Portuguese too", () => {
    const html = render(
      { ...base, payload: { interactive: { type: "list", body: { text: "Escolha" }, footer: { text: "Loja" }, action: { button: "Ver opções", sections: [{ rows: [{ id: "r", title: "Tênis" }] }] } } } },
      "pt-BR",
    );
    expect(html).toContain("Escolha");
    expect(html).toContain("Ver opções");
    expect(html).toContain("Loja");
    expect(html).toMatch(/aria-label="Opções da lista"[^>]*><li[^>]*>Tênis<\/li>/);
  });
  it("links a file a bot sent by its public link", () => {
    const html = render({ ...base, type: "document", text: "Nosso catálogo", payload: { link: "https://cdn.example.com/c.pdf", filename: "catalogo.pdf" } });
    expect(html).toContain('href="https://cdn.example.com/c.pdf"');
    expect(html).toContain("catalogo.pdf");
    expect(html).toContain("Nosso catálogo");
  });
  it("still shows a customer's button reply as before", () => {
    const html = render({ ...base, direction: "inbound", sender: "customer", bot: null, text: "Preços", payload: { interactive: { type: "button_reply", button_reply: { id: "bot:x:a", title: "Preços" } } } });
    expect(html).toContain("Button reply");
    expect(html).toContain("Preços");
  });
});
