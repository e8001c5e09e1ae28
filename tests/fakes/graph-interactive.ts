import type { MetaErrorFake } from "./graph-api";

/**
 * Meta's checks on POST /{phone-number-id}/messages with `type: "interactive"`
 * (reply buttons and lists), answered as Meta does: (#131009) "Parameter
 * value is not valid" with the details naming what broke, or (#100) for a
 * missing or unknown field.
 */

const invalid = (details: string): MetaErrorFake => ({ status: 400, code: 131009, type: "OAuthException", message: "(#131009) Parameter value is not valid", details });
const required = (name: string): MetaErrorFake => ({ status: 400, code: 100, type: "OAuthException", message: `(#100) The parameter ${name} is required.` });

const text = (value: unknown) => (typeof value === "string" ? value : null);
const length = (value: string) => Array.from(value).length;

function distinctIds(ids: string[]): boolean {
  return new Set(ids).size === ids.length;
}

function buttonsError(action: Record<string, unknown>): MetaErrorFake | null {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) return required("interactive.action.buttons");
  if (buttons.length > 3) return invalid("Buttons count invalid. Min count: 1, Max count: 3");
  const ids: string[] = [];
  const titles: string[] = [];
  for (const button of buttons as Record<string, unknown>[]) {
    const reply = (button?.reply ?? {}) as Record<string, unknown>;
    if (button?.type !== "reply") return invalid("Button type invalid. Allowed value: reply");
    const id = text(reply.id);
    const title = text(reply.title);
    if (!id || length(id) > 256) return invalid("Button id length invalid. Min length: 1, Max length: 256");
    if (!title || length(title) > 20) return invalid("Button title length invalid. Min length: 1, Max length: 20");
    ids.push(id);
    titles.push(title);
  }
  if (!distinctIds(ids)) return invalid("Duplicate button id");
  if (!distinctIds(titles)) return invalid("Button title must be unique");
  return null;
}

function listError(action: Record<string, unknown>): MetaErrorFake | null {
  const button = text(action.button);
  if (!button || length(button) > 20) return invalid("Button text length invalid. Min length: 1, Max length: 20");
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) return required("interactive.action.sections");
  if (sections.length > 10) return invalid("Sections count invalid. Min count: 1, Max count: 10");
  if (sections.length > 1 && sections.some((section) => !text((section as Record<string, unknown>)?.title))) return invalid("Section title is required for multiple sections");
  const ids: string[] = [];
  for (const section of sections as Record<string, unknown>[]) {
    const title = text(section?.title);
    if (title !== null && length(title) > 24) return invalid("Section title length invalid. Max length: 24");
    const rows = section?.rows;
    if (!Array.isArray(rows) || rows.length === 0) return required("interactive.action.sections.rows");
    for (const row of rows as Record<string, unknown>[]) {
      const id = text(row?.id);
      const rowTitle = text(row?.title);
      const description = row?.description;
      if (!id || length(id) > 200) return invalid("Row id length invalid. Min length: 1, Max length: 200");
      if (!rowTitle || length(rowTitle) > 24) return invalid("Row title length invalid. Min length: 1, Max length: 24");
      if (description !== undefined && (typeof description !== "string" || length(description) > 72)) return invalid("Row description length invalid. Max length: 72");
      ids.push(id);
    }
  }
  if (ids.length > 10) return invalid("Total row count exceed max allowed count: 10");
  if (!distinctIds(ids)) return invalid("Row id must be unique");
  return null;
}

/** The refusal Meta answers an interactive send with, or null when it would accept it (and for any other type). */
export function interactiveSendError(body: unknown): MetaErrorFake | null {
  const message = (body ?? {}) as Record<string, unknown>;
  if (message.type !== "interactive") return null;
  const interactive = message.interactive as Record<string, unknown> | undefined;
  if (!interactive || typeof interactive !== "object") return required("interactive");
  const bodyText = text((interactive.body as Record<string, unknown> | undefined)?.text);
  if (!bodyText) return required("interactive.body.text");
  if (length(bodyText) > 1024) return invalid("Body text length invalid. Min length: 1, Max length: 1024");
  const footer = interactive.footer as Record<string, unknown> | undefined;
  if (footer !== undefined && (!text(footer?.text) || length(text(footer?.text)!) > 60)) return invalid("Footer text length invalid. Min length: 1, Max length: 60");
  const action = interactive.action as Record<string, unknown> | undefined;
  if (!action || typeof action !== "object") return required("interactive.action");
  if (interactive.type === "button") return buttonsError(action);
  if (interactive.type === "list") return listError(action);
  return invalid(`Interactive type invalid: ${String(interactive.type)}`);
}
