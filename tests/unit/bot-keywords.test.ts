import { describe, expect, it } from "vitest";
import { assistantMessages, withFooter } from "@/lib/bots/assistant-prompt";
import { containsKeyword, keywordList } from "@/lib/bots/keywords";

describe("stop keywords", () => {
  it("match a whole word whatever its case and accents", () => {
    expect(containsKeyword("Por favor PARE!", ["pare"])).toBe(true);
    expect(containsKeyword("paré", ["PARE"])).toBe(true);
    expect(containsKeyword("Cancelar.", ["cancelár"])).toBe(true);
  });

  it("do not match inside another word", () => {
    expect(containsKeyword("parei ontem", ["pare"])).toBe(false);
    expect(containsKeyword("stopwatch", ["stop"])).toBe(false);
    expect(containsKeyword("nonstop", ["stop"])).toBe(false);
  });

  it("match a phrase across any spacing, and treat regex characters as text", () => {
    expect(containsKeyword("eu não   quero mais isso", ["nao quero mais"])).toBe(true);
    expect(containsKeyword("price is 10$", ["10$"])).toBe(true);
    expect(containsKeyword("anything", ["."])).toBe(false);
  });

  it("never match without text or keywords", () => {
    expect(containsKeyword(null, ["pare"])).toBe(false);
    expect(containsKeyword("pare", [])).toBe(false);
    expect(containsKeyword("pare", ["  "])).toBe(false);
  });

  it("are kept as a clean list: trimmed, no blanks, no repeats ignoring case and accents", () => {
    expect(keywordList.parse([" Pare ", "pare", "PARÉ", "", "stop"])).toEqual(["Pare", "stop"]);
  });
});

describe("the assistant's prompt", () => {
  it("turns the chat into alternating turns, customer as user, skipping reactions", () => {
    expect(
      assistantMessages([
        { sender: "customer", type: "text", text: "Oi" },
        { sender: "customer", type: "image", text: "esse aqui" },
        { sender: "customer", type: "reaction", text: null },
        { sender: "agent", type: "text", text: "Olá!" },
        { sender: "bot", type: "text", text: "Posso ajudar?" },
        { sender: "customer", type: "audio", text: null },
      ]),
    ).toEqual([
      { role: "user", content: "Oi\n[image] esse aqui" },
      { role: "assistant", content: "Olá!\nPosso ajudar?" },
      { role: "user", content: "[audio]" },
    ]);
  });

  it("appends the footer as its own paragraph", () => {
    expect(withFooter("  Temos sim! ", " — Loja ")).toBe("Temos sim!\n\n— Loja");
  });
});
