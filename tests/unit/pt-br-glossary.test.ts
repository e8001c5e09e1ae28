import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";
import { LEAD_STATUSES } from "@/lib/leads/types";

/*
 * Rule (issue 16): one thing, one word in pt-BR. docs/glossary.md is the one source of truth; this test
 * reads its table, so adding a row there is all it takes to hold the catalogue to a new term.
 */

type Entry = { english: string; ptBR: string; avoid: string[] };

function parseGlossary(markdown: string): Entry[] {
  const rows = markdown.split("\n").filter((line) => line.trim().startsWith("|"));
  const header = rows.findIndex((line) => /^\|\s*English\s*\|/i.test(line));
  if (header < 0) throw new Error("docs/glossary.md has no table starting with an English column");
  return rows
    .slice(header + 2) // the header and its |---| line
    .map((line) => line.trim().replace(/^\||\|$/g, "").split("|").map((cell) => cell.trim()))
    .map(([english = "", pt = "", avoid = ""]) => ({
      english,
      ptBR: pt,
      avoid: avoid === "" || avoid === "—" ? [] : avoid.split(",").map((word) => word.trim()).filter(Boolean),
    }));
}

/**
 * The words a reader sees in an ICU message: placeholder names (`{name}`), argument types and plural/select
 * selectors are not text; a plural's branches are. Rich-text tags (`<link>…</link>`) keep only their content.
 */
function visibleText(message: string): string {
  let out = "";
  let i = 0;
  const readUntil = (stops: string) => {
    const start = i;
    while (i < message.length && !stops.includes(message[i]!)) i++;
    return message.slice(start, i).trim();
  };
  const skipBalanced = () => {
    for (let depth = 1; i < message.length && depth > 0; i++) depth += message[i] === "{" ? 1 : message[i] === "}" ? -1 : 0;
  };
  while (i < message.length) {
    const c = message[i]!;
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    i++; // {
    readUntil(",}"); // the argument's name
    if (message[i] === "}") {
      i++;
      out += " ";
      continue;
    }
    i++; // ,
    const type = readUntil(",}");
    if (!["plural", "select", "selectordinal"].includes(type)) {
      skipBalanced(); // {n, number} or {d, date, short}: a formatted value, no words of ours
      out += " ";
      continue;
    }
    i++; // , before the branches
    while (i < message.length && message[i] !== "}") {
      readUntil("{}"); // a selector: one, other, =0, offset:1 …
      if (message[i] !== "{") break;
      i++;
      const start = i;
      skipBalanced();
      out += ` ${visibleText(message.slice(start, i - 1))} `;
      while (message[i] === " ") i++;
    }
    i++; // the argument's closing }
  }
  return out.replace(/<\/?[\w-]+>/g, " ");
}

function entries(value: unknown, prefix = ""): Array<[string, string]> {
  if (typeof value !== "object" || value === null) return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([key, child]) => entries(child, prefix ? `${prefix}.${key}` : key));
}

/** Whole word, any case; JavaScript's \b knows no accented letters, so the boundaries are spelled out. */
function wordPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, "iu");
}

/** What the glossary forbids: the avoided words, and the English term itself unless pt-BR uses the same word. */
function forbiddenWords(glossary: Entry[]): Array<{ word: string; use: string }> {
  return glossary.flatMap((entry) => {
    const words = new Set(entry.avoid.map((word) => word.toLowerCase()));
    if (entry.english.toLowerCase() !== entry.ptBR.toLowerCase()) words.add(entry.english.toLowerCase());
    return [...words].map((word) => ({ word, use: entry.ptBR }));
  });
}

function violations(catalogue: unknown, glossary: Entry[]): string[] {
  const forbidden = forbiddenWords(glossary).map((f) => ({ ...f, pattern: wordPattern(f.word) }));
  return entries(catalogue).flatMap(([key, message]) => {
    const text = visibleText(message);
    return forbidden.filter((f) => f.pattern.test(text)).map((f) => `${key}: "${f.word}" (say "${f.use}")`);
  });
}

const glossary = parseGlossary(readFileSync(new URL("../../docs/glossary.md", import.meta.url), "utf8"));

describe("the pt-BR glossary (docs/glossary.md)", () => {
  it("has the terms issue 16 settled, each with one pt-BR word", () => {
    const byEnglish = Object.fromEntries(glossary.map((entry) => [entry.english, entry]));
    expect(byEnglish.workspace?.ptBR).toBe("espaço de trabalho");
    expect(byEnglish.admin?.ptBR).toBe("administrador");
    expect(byEnglish.agent?.ptBR).toBe("atendente");
    expect(byEnglish.closed?.ptBR).toBe("Fechado");
    for (const entry of glossary) {
      expect(entry.ptBR, entry.english).not.toBe("");
      expect(entry.ptBR.split(",").length, `${entry.english} has one pt-BR word`).toBe(1);
      // A word both required and avoided would make the rule impossible to follow.
      for (const word of entry.avoid) expect(wordPattern(word).test(entry.ptBR), `${entry.english}: ${word}`).toBe(false);
    }
  });

  it("pt-BR texts use no avoided word and no English term the glossary translates", () => {
    expect(violations(ptBR, glossary)).toEqual([]);
  });

  it("catches an English word put back, whatever its case, and only as a whole word", () => {
    const planted = { a: "O Workspace foi salvo.", b: "Fale com um ADMIN.", c: "Pergunte ao agente.", d: "Status: Encerrado", e: "administradores e espaço de trabalho" };
    expect(violations(planted, glossary)).toEqual([
      'a: "workspace" (say "espaço de trabalho")',
      'b: "admin" (say "administrador")',
      'c: "agente" (say "atendente")',
      'd: "encerrado" (say "Fechado")',
    ]);
  });

  it("skips ICU placeholders, argument types and selectors, but reads plural branches and rich-text content", () => {
    expect(violations({ tag: "Remover etiqueta {tag}", admin: "{admin, select, other {Ok}}" }, glossary)).toEqual([]);
    expect(visibleText("{count, plural, one {# agente} other {# agentes}} e {name}")).toMatch(/# agente .*# agentes/);
    expect(violations({ n: "{count, plural, one {# agente} other {# atendentes}}", link: "Veja <link>o workspace</link>" }, glossary)).toEqual([
      'n: "agente" (say "atendente")',
      'link: "workspace" (say "espaço de trabalho")',
    ]);
  });
});

describe("lead status names", () => {
  /** Every place in a catalogue that names all the lead statuses: Auto Lead, the list's filter and the board. */
  function statusMaps(catalogue: unknown): Array<[string, Record<string, string>]> {
    const found: Array<[string, Record<string, string>]> = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value !== "object" || value === null) return;
      const keys = Object.keys(value);
      if (keys.length === LEAD_STATUSES.length && LEAD_STATUSES.every((s) => keys.includes(s))) found.push([path, value as Record<string, string>]);
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    };
    walk(catalogue, "");
    return found;
  }

  it.each([["pt-BR", ptBR], ["en", en]] as const)("are the same words in every place of the %s catalogue", (_, catalogue) => {
    const maps = statusMaps(catalogue);
    expect(maps.map(([path]) => path)).toEqual(expect.arrayContaining(["settings.autoLead.statuses", "leads.status"]));
    for (const [path, names] of maps) expect(names, path).toEqual(catalogue.leads.status);
  });
});
