/**
 * Making a signed webhook's values storable. Meta's signature proves who
 * sent a body, not that its values fit Postgres: text and jsonb refuse a NUL
 * character, jsonb refuses a lone UTF-16 surrogate, and JSON.stringify (how a
 * payload reaches jsonb) overflows Node's stack a few thousand levels deep.
 * One refused value would otherwise cost every message after it in the same
 * delivery.
 */

/**
 * How deep a message (or status) may nest below its own object. Meta's own
 * shapes go about four levels down (contacts[].phones[].phone); a deeper part
 * is cut, well before JSON.stringify's limit (~4,400 levels on Node 24) and
 * Postgres's jsonb stack-depth check.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/** What replaces a part nested deeper than MAX_PAYLOAD_DEPTH. */
export const CUT_MARKER = "[cut: nested deeper than 32 levels]";

// JSON forbids raw control characters inside strings, and UTF-8 cannot encode
// a surrogate, so a body's text can only carry a NUL or a lone surrogate as a
// \u escape: one search over the text tells whether any value needs a walk.
const RISKY_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Whether a delivery's text may hold a value that needs sanitizing: a NUL or
 * surrogate escape (an escaped emoji pair matches too, which only costs a
 * walk), or enough brackets to nest past MAX_PAYLOAD_DEPTH. False for almost
 * every real delivery, which then skips the walk.
 */
export function mayNeedSanitizing(text: string): boolean {
  if (RISKY_ESCAPE.test(text)) return true;
  let openers = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++openers > MAX_PAYLOAD_DEPTH) return true;
    }
  }
  return false;
}

export type Sanitized<T> = { value: T; cut: boolean };

type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

function cleanString(value: string): string {
  const text = value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  // A lone surrogate becomes U+FFFD, as a UTF-8 encoder would write it.
  return (text as unknown as WellFormed).isWellFormed() ? text : (text as unknown as WellFormed).toWellFormed();
}

/**
 * A copy of a parsed JSON value that Postgres stores: NUL characters removed
 * from strings and keys, lone surrogates replaced, and every object or array
 * deeper than MAX_PAYLOAD_DEPTH replaced by CUT_MARKER (`cut` says so). The
 * recursion stops at that depth, so it cannot overflow either.
 */
export function sanitizeJson<T>(value: T): Sanitized<T> {
  let cut = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return cleanString(node);
    if (typeof node !== "object" || node === null) return node;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      cut = true;
      return CUT_MARKER;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) copy[cleanString(key)] = walk(item, depth + 1);
    return copy;
  };
  return { value: walk(value, 0) as T, cut };
}

/**
 * JSON text of a parsed value of any depth, for the dead-letter table's text
 * column (which keeps NUL and surrogate escapes as the six characters of
 * their escape). JSON.stringify first; past its stack, an iterative writer.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return stringifyIteratively(value);
  }
}

function stringifyIteratively(root: unknown): string {
  const out: string[] = [];
  // Each frame is either text to emit or a value to write.
  const stack: ({ text: string } | { value: unknown })[] = [{ value: root }];
  while (stack.length) {
    const frame = stack.pop()!;
    if ("text" in frame) {
      out.push(frame.text);
      continue;
    }
    const node = frame.value;
    if (typeof node !== "object" || node === null) {
      out.push(JSON.stringify(node) ?? "null");
      continue;
    }
    const entries: [string | null, unknown][] = Array.isArray(node) ? node.map((item) => [null, item]) : Object.entries(node);
    const [open, close] = Array.isArray(node) ? ["[", "]"] : ["{", "}"];
    out.push(open);
    stack.push({ text: close });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      stack.push({ value: item });
      const prefix = `${i > 0 ? "," : ""}${key === null ? "" : `${JSON.stringify(key)}:`}`;
      if (prefix) stack.push({ text: prefix });
    }
  }
  return out.join("");
}

/** WhatsApp started in 2009: an earlier time is not one Meta sent. */
const EARLIEST = Date.UTC(2009, 0, 1);
const ONE_DAY = 24 * 60 * 60 * 1000;

/**
 * When a message was sent, from the webhook's `timestamp` (Unix seconds as a
 * string). A value that is not a time, or an absurd one (before 2009, more
 * than a day ahead of our clock), gives the time of receipt instead: the
 * message is kept, and its original value goes into the stored payload.
 */
export function messageTime(timestamp: unknown, receivedAt: Date): { at: Date; replaced: boolean } {
  const seconds = typeof timestamp === "number" ? timestamp : typeof timestamp === "string" && /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const ms = seconds * 1000;
  if (Number.isFinite(ms) && ms >= EARLIEST && ms <= receivedAt.getTime() + ONE_DAY) return { at: new Date(ms), replaced: false };
  return { at: receivedAt, replaced: true };
}
