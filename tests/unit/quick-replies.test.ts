import { describe, expect, it } from "vitest";
import { createQuickReplySchema } from "@/lib/quick-replies/input";
import { isValidShortcut, normalizeShortcut } from "@/lib/quick-replies/shortcut";
import { findSlashQuery, matchQuickReplies } from "@/lib/quick-replies/slash-query";
import { fillVariables } from "@/lib/quick-replies/variables";

describe("a quick reply's shortcut", () => {
  it("is stored without its leading slash, lower-cased and trimmed", () => {
    expect(normalizeShortcut(" /Obrigado ")).toBe("obrigado");
    expect(normalizeShortcut("PIX_chave-2")).toBe("pix_chave-2");
  });

  it("treats an accented letter typed as one or two characters as the same shortcut", () => {
    expect(normalizeShortcut("PREC\u0327O")).toBe(normalizeShortcut("preço"));
  });

  it("allows letters of any script, digits, - and _, up to 32 characters", () => {
    expect(isValidShortcut("preço")).toBe(true);
    expect(isValidShortcut("a".repeat(32))).toBe(true);
    expect(isValidShortcut("a".repeat(33))).toBe(false);
    expect(isValidShortcut("")).toBe(false);
    for (const bad of ["two words", "tab\there", "a/b", "oi!", "emoji🙂", "nul\u0000"]) expect(isValidShortcut(bad), bad).toBe(false);
  });

  it("is checked after normalizing, as a field error on shortcut", () => {
    const parse = (shortcut: string) => createQuickReplySchema.safeParse({ scope: "own", title: "T", body: "B", shortcut });
    expect(parse("/Oi").data?.shortcut).toBe("oi");
    expect(parse("two words").error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["shortcut", "validation.quick_reply_shortcut"]]);
    expect(parse("/").error?.issues.map((i) => i.message)).toEqual(["validation.required"]);
  });

  it("refuses NUL bytes in the title and text", () => {
    const result = createQuickReplySchema.safeParse({ scope: "own", title: "a\u0000b", shortcut: "x", body: "c\u0000" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["title", "validation.nul_character"],
      ["body", "validation.nul_character"],
    ]);
  });

  it("takes a text up to WhatsApp's 4096 characters and a title up to 100", () => {
    const parse = (title: string, body: string) => createQuickReplySchema.safeParse({ scope: "own", title, shortcut: "x", body });
    expect(parse("t".repeat(100), "b".repeat(4096)).success).toBe(true);
    expect(parse("t".repeat(101), "b".repeat(4097)).error?.issues.map((i) => i.path.join("."))).toEqual(["title", "body"]);
  });
});

describe("filling a reply's variables", () => {
  const both = { contactName: "Maria  da Silva", agentName: "Ana Souza" };
  const noContact = { contactName: null, agentName: "Ana Souza" };

  it("puts in the contact's first name, full name and the agent's name", () => {
    expect(fillVariables("Olá {{first_name}}! Aqui é {{agent_name}}. Confirma, {{name}}?", both)).toBe(
      "Olá Maria! Aqui é Ana Souza. Confirma, Maria da Silva?",
    );
  });

  it("accepts spaces inside the braces and any case, and leaves unknown variables as typed", () => {
    expect(fillVariables("Oi {{ First_Name }}, {{pedido}}", both)).toBe("Oi Maria, {{pedido}}");
  });

  it("drops a missing name with the space it leaves, before punctuation and between words", () => {
    expect(fillVariables("Olá {{first_name}}, tudo bem?", noContact)).toBe("Olá, tudo bem?");
    expect(fillVariables("Olá {{first_name}}!", noContact)).toBe("Olá!");
    expect(fillVariables("Obrigado {{name}} pela compra", noContact)).toBe("Obrigado pela compra");
    expect(fillVariables("Oi {{first_name}} {{name}}, sou {{agent_name}}.", noContact)).toBe("Oi, sou Ana Souza.");
    expect(fillVariables("Oi {{name}}", noContact)).toBe("Oi");
  });

  it("never starts a line with the space or comma a missing name leaves", () => {
    expect(fillVariables("{{first_name}}, seu pedido saiu.\n{{name}} obrigado!", noContact)).toBe("seu pedido saiu.\nobrigado!");
  });

  it("keeps the text's own line breaks and spacing elsewhere", () => {
    expect(fillVariables("Linha 1\n\nLinha  2 {{agent_name}}", { contactName: null, agentName: null })).toBe("Linha 1\n\nLinha  2");
  });

  it("makes one line of a name with line breaks", () => {
    expect(fillVariables("Oi {{name}}.", { contactName: " Maria\nJosé ", agentName: null })).toBe("Oi Maria José.");
  });
});

describe("the slash query in the message box", () => {
  it("starts at a slash at the start of the message or after whitespace, up to the caret", () => {
    expect(findSlashQuery("/obr", 4)).toEqual({ start: 0, end: 4, query: "obr" });
    expect(findSlashQuery("Oi! /pix", 8)).toEqual({ start: 4, end: 8, query: "pix" });
    expect(findSlashQuery("linha\n/pr", 9)).toEqual({ start: 6, end: 9, query: "pr" });
    expect(findSlashQuery("/", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(findSlashQuery("/preç", 5)?.query).toBe("preç");
  });

  it("is not a slash inside a word or a link", () => {
    expect(findSlashQuery("1/2", 3)).toBeNull();
    expect(findSlashQuery("https://site", 12)).toBeNull();
    expect(findSlashQuery("e/ou", 4)).toBeNull();
  });

  it("ends at a space, so typing on after a slash word is left alone", () => {
    expect(findSlashQuery("/obrigado ", 10)).toBeNull();
    expect(findSlashQuery("/obrigado a", 11)).toBeNull();
  });

  it("reads only up to the caret", () => {
    expect(findSlashQuery("/obrigado", 3)).toEqual({ start: 0, end: 3, query: "ob" });
    expect(findSlashQuery("/obrigado", 0)).toBeNull();
  });

  it("gives up past the longest shortcut", () => {
    expect(findSlashQuery(`/${"a".repeat(32)}`, 33)?.query).toHaveLength(32);
    expect(findSlashQuery(`/${"a".repeat(33)}`, 34)).toBeNull();
  });
});

describe("matching replies to the query", () => {
  const replies = [
    { shortcut: "pix", title: "Chave Pix", scope: "workspace" as const },
    { shortcut: "obrigado", title: "Agradecimento", scope: "workspace" as const },
    { shortcut: "obrigado", title: "Meu agradecimento", scope: "own" as const },
    { shortcut: "preço", title: "Tabela", scope: "workspace" as const },
    { shortcut: "endereco", title: "Onde fica a loja", scope: "workspace" as const },
    { shortcut: "sempre", title: "Horário", scope: "workspace" as const },
    { shortcut: "tabela", title: "Preços da loja", scope: "workspace" as const },
  ];
  const shortcuts = (query: string) => matchQuickReplies(replies, query).map((r) => `${r.shortcut}:${r.scope}`);

  it("lists all, by shortcut, with the member's own first when shortcuts collide", () => {
    expect(shortcuts("")).toEqual([
      "endereco:workspace",
      "obrigado:own",
      "obrigado:workspace",
      "pix:workspace",
      "preço:workspace",
      "sempre:workspace",
      "tabela:workspace",
    ]);
  });

  it("ranks shortcuts that start with the query, then contain it, then titles", () => {
    expect(shortcuts("pre")).toEqual(["preço:workspace", "sempre:workspace", "tabela:workspace"]);
    expect(shortcuts("loja")).toEqual(["endereco:workspace", "tabela:workspace"]);
  });

  it("ignores case and accents", () => {
    expect(shortcuts("PRECO")).toEqual(["preço:workspace", "tabela:workspace"]);
    expect(shortcuts("agradeci")).toEqual(["obrigado:own", "obrigado:workspace"]);
  });

  it("finds nothing for a query nothing matches", () => {
    expect(shortcuts("zzz")).toEqual([]);
  });
});
