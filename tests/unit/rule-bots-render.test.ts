import { describe, expect, it } from "vitest";
import { optionReplyId } from "@/lib/bots/rules/definition";
import { fillBotText, renderFreeForm } from "@/lib/bots/rules/render";
import { fillVariables } from "@/lib/quick-replies/variables";

const BOT = "0f0e0d0c-0b0a-4900-8000-000000000001";

describe("a rule bot's text", () => {
  it("fills the contact's and the business's names; a missing one leaves no gap", () => {
    expect(fillBotText("Olá {{first_name}}! Aqui é a {{ business_name }}.", { contactName: "Maria  Souza", businessName: "Loja Sol" })).toBe("Olá Maria! Aqui é a Loja Sol.");
    expect(fillBotText("Olá {{first_name}}, tudo bem?", { contactName: null, businessName: "Loja" })).toBe("Olá, tudo bem?");
    expect(fillBotText("{{name}} {{agent_name}}", { contactName: "Ana", agentName: "Bruno" })).toBe("Ana {{agent_name}}");
  });
  it("leaves a quick reply's {{business_name}} as typed (quick replies do not know it)", () => {
    expect(fillVariables("{{business_name}} {{agent_name}}", { contactName: null, agentName: "Bruno", businessName: "Loja" })).toBe("{{business_name}} Bruno");
  });
});

describe("interactive replies", () => {
  it("buttons carry bot:<bot>:<option> ids and no empty footer", () => {
    const rendered = renderFreeForm(BOT, { kind: "buttons", body: "Oi {{first_name}}", footer: "", buttons: [{ id: "a", title: "Preços", nextBotId: null }] }, { contactName: "Ana" });
    expect(rendered).toEqual({
      type: "interactive",
      text: "Oi Ana",
      payload: { interactive: rendered.interactive },
      interactive: { type: "button", body: { text: "Oi Ana" }, action: { buttons: [{ type: "reply", reply: { id: optionReplyId(BOT, "a"), title: "Preços" } }] } },
    });
  });
  it("a list has one section of rows, descriptions only when set", () => {
    const rendered = renderFreeForm(
      BOT,
      { kind: "list", body: "Escolha", footer: "Loja", buttonLabel: "Ver", rows: [{ id: "r1", title: "Um", description: "", nextBotId: null }, { id: "r2", title: "Dois", description: "2", nextBotId: null }] },
      { contactName: null },
    );
    expect(rendered.interactive).toEqual({
      type: "list",
      body: { text: "Escolha" },
      footer: { text: "Loja" },
      action: { button: "Ver", sections: [{ rows: [{ id: optionReplyId(BOT, "r1"), title: "Um" }, { id: optionReplyId(BOT, "r2"), title: "Dois", description: "2" }] }] },
    });
  });
});
