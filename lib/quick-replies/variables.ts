/**
 * The placeholders a quick reply's text may hold, filled when the agent picks
 * the reply in a chat. Anything else between double braces stays as typed.
 */
export const QUICK_REPLY_VARIABLES = ["first_name", "name", "agent_name"] as const;
export type QuickReplyVariable = (typeof QUICK_REPLY_VARIABLES)[number];

/** The placeholders a rule bot's text may hold (lib/bots/rules): the contact's and the business's names. */
export const BOT_TEXT_VARIABLES = ["first_name", "name", "business_name"] as const;
type Variable = QuickReplyVariable | (typeof BOT_TEXT_VARIABLES)[number];

export type VariableValues = { contactName: string | null; agentName?: string | null; businessName?: string | null };

/** The placeholder pattern and the pattern of a run of them, for one set of variables (names are fixed words: no escaping needed). */
function patterns(variables: readonly Variable[]) {
  const names = variables.join("|");
  return {
    variable: new RegExp(`\\{\\{\\s*(${names})\\s*\\}\\}`, "gi"),
    // A run of placeholders with the spaces around and between them: cleaned up as one piece when they come out empty.
    run: new RegExp(`[ \\t]*(?:\\{\\{\\s*(?:${names})\\s*\\}\\}[ \\t]*)+`, "gi"),
  };
}
const QUICK_REPLY_PATTERNS = patterns(QUICK_REPLY_VARIABLES);
/** Punctuation that hugs the word before it: "Olá {{first_name}}!" must become "Olá!" without a name, not "Olá !". */
const CLOSING_PUNCTUATION = /^[,.;:!?…)\]]/;

/** One line of spaces: a name copied from a WhatsApp profile may carry line breaks or runs of spaces. */
const tidy = (value: string | null) => (value ?? "").replace(/\s+/g, " ").trim();

function valueOf(variable: string, values: VariableValues): string {
  const contactName = tidy(values.contactName);
  switch (variable.toLowerCase() as Variable) {
    case "first_name":
      return contactName.split(" ")[0] ?? "";
    case "name":
      return contactName;
    case "agent_name":
      return tidy(values.agentName ?? null);
    case "business_name":
      return tidy(values.businessName ?? null);
  }
}

/**
 * The reply's text with its placeholders filled. A placeholder with no value
 * (a contact without a profile name) disappears together with the space it
 * leaves, so "Olá {{first_name}}, tudo bem?" reads "Olá, tudo bem?" and a
 * line "{{first_name}}, tudo bem?" reads "tudo bem?": never a double space, a
 * space before punctuation or a line that starts with a space or a comma.
 * `variables` names the placeholders filled (a quick reply's by default);
 * any other stays as typed.
 */
export function fillVariables(body: string, values: VariableValues, variables: readonly Variable[] = QUICK_REPLY_VARIABLES): string {
  const { variable: VARIABLE, run: RUN } = variables === QUICK_REPLY_VARIABLES ? QUICK_REPLY_PATTERNS : patterns(variables);
  let out = "";
  let last = 0;
  for (const match of body.matchAll(RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    const filled = match[0].replace(VARIABLE, (_whole, variable: string) => valueOf(variable, values));
    out += body.slice(last, start);
    last = end;
    if (filled.trim() !== "") {
      // Keep the spaces around the run as written; inside it, one space between words.
      const lead = /^[ \t]*/.exec(filled)![0];
      const trail = /[ \t]*$/.exec(filled)![0];
      out += lead + filled.trim().replace(/[ \t]{2,}/g, " ") + trail;
      continue;
    }
    const before = out.at(-1) ?? "\n";
    const after = body.slice(end);
    if (before === "\n") {
      // At the start of a line nothing may lead: drop a comma that addressed the missing name too.
      const addressed = /^[,;:][ \t]*/.exec(after);
      if (addressed) last += addressed[0].length;
      continue;
    }
    if (after === "" || after.startsWith("\n") || CLOSING_PUNCTUATION.test(after)) continue;
    if (/[ \t]/.test(match[0]) && !/[ \t]$/.test(out)) out += " ";
  }
  return out + body.slice(last);
}
