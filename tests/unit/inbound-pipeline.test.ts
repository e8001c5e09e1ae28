import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { pickAgentStep, recordAssignmentStep } from "@/lib/assignment/inbound-steps";
import { INBOUND_PIPELINE } from "@/lib/composition/inbound-pipeline";
import { contactStep, conversationStep, messageStep, reactionStep } from "@/lib/inbox/inbound-steps";
import { composePipeline, defineStep, parsePipelineSettings, PipelineError, pipelineStatement, type InboundContext } from "@/lib/inbox/pipeline";
import { messageContent } from "@/lib/whatsapp/message-content";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";

const dialect = new PgDialect();
/**
 * Distinct texts of the whole matrix: a customer message gives assignment
 * method (2) × automatic assignment on/off (2) × auto lead (2) × forwarding
 * (2) × the assistant's outcome (none, reply, cancel: 3) = 48; a reaction
 * gives method (2) × forwarding (2) = 4.
 */
const MAX_TEXTS = 52;
const render = (statement: SQL) => dialect.sqlToQuery(statement).sql;
const WORKSPACE = "00000000-0000-4000-8000-000000000001";
const AGENT = "00000000-0000-4000-8000-000000000002";
const SOURCE = "00000000-0000-4000-8000-000000000003";
const NOW = new Date("2026-12-06T12:00:00Z");

/** The CTE names a rendered `a as (...), b as (...)` list defines at its top level (string literals skipped). */
function topLevelCtes(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "'") quoted = false;
      continue;
    }
    if (char === "'") quoted = true;
    else if (char === "(") {
      if (depth === 0) {
        const name = /([a-z_]+)\s+as\s*$/i.exec(text.slice(0, i));
        if (name) names.push(name[1]!);
      }
      depth++;
    } else if (char === ")") depth--;
  }
  return names;
}

const withoutLiterals = (text: string) => text.replace(/'[^']*'/g, "''");

function message(overrides: Partial<InboundMessage> & { type: string }): InboundMessage {
  return { from: "5511988887777", id: `wamid.${Math.random()}`, timestamp: "1765000000", ...overrides } as InboundMessage;
}

const MESSAGES: InboundMessage[] = [
  message({ type: "text", text: { body: "Oi, quero saber o preço" } }),
  message({ type: "text", text: { body: "parar" } }),
  message({ type: "text", text: { body: "humano por favor" } }),
  message({ type: "reaction", reaction: { message_id: "wamid.target", emoji: "👍" } }),
  message({ type: "text", text: { body: "Vi o anúncio" }, referral: { source_type: "ad", source_url: "https://www.instagram.com/p/x", source_id: "ad-1", headline: "Promo" } }),
  message({ type: "image", image: { id: "media-1", mime_type: "image/jpeg" } }),
];

/** Every combination of the settings the pipeline's SQL depends on. */
function settingsMatrix(): Record<string, Record<string, unknown>>[] {
  const rows: Record<string, Record<string, unknown>>[] = [];
  for (const autoAssign of [true, false])
    for (const method of ["round_robin", "least_open"])
      for (const autoLead of [
        { enabled: false },
        { enabled: true },
        { enabled: true, sourceId: SOURCE, assigneeUserId: AGENT },
        { enabled: true, unassignedMode: "round_robin" },
      ])
        for (const forwarding of [{ enabled: false }, { enabled: true, url: "https://example.com/hook" }])
          for (const assistant of [{ enabled: false }, { enabled: true, stopKeywords: ["humano"], delaySeconds: 5 }, { enabled: true, delaySeconds: 0 }])
            rows.push({
              "support-agent": { autoAssign, method, restrictToAssigned: autoAssign },
              "auto-lead": autoLead,
              "webhook-forwarding": forwarding,
              "stop-bot": { keywords: ["parar"], restartAfterHours: 12 },
              "ai-assistant": assistant,
            });
  return rows;
}

function contextOf(inbound: InboundMessage): InboundContext {
  return {
    workspaceId: WORKSPACE,
    message: inbound,
    content: messageContent(inbound),
    counts: inbound.type !== "reaction",
    sentAt: NOW.toISOString(),
    now: NOW,
    contactName: inbound.from,
    profileName: null,
  };
}

describe("the inbound pipeline's composition", () => {
  it("refuses a step that reads a CTE no earlier step defines, naming both", () => {
    expect(() => composePipeline([contactStep, messageStep, conversationStep])).toThrow(
      new PipelineError('step "conversation" reads "pick", which no earlier step defines'),
    );
    // The same steps in the wrong order: the assignment record before the conversation it reads.
    expect(() => composePipeline([contactStep, messageStep, pickAgentStep, recordAssignmentStep])).toThrow(/reads "conversation"/);
  });

  it("refuses a CTE or a result column defined twice, and a result row without its message", () => {
    const again = defineStep({ name: "again", settings: {}, defines: ["contact"], reads: [], ctes: () => sql`contact as (select 1)` });
    expect(() => composePipeline([contactStep, again])).toThrow('step "again" defines "contact", already defined by "contact"');
    const column = defineStep({ name: "column", settings: {}, defines: [], reads: [], ctes: () => sql``, columns: { message_id: sql`1` } });
    expect(() => composePipeline([column])).toThrow(/adds column "message_id"/);
    expect(() => composePipeline([contactStep])).toThrow('the result row reads "message", which no step defines');
  });

  it("the product's pipeline loads, and reads every settings section its steps declare", () => {
    expect(INBOUND_PIPELINE.steps.map((step) => step.name)).toEqual([
      "contact", "message", "pick-agent", "bot-pause", "conversation", "record-assignment", "auto-lead", "forwarding", "rule-bot-turn", "assistant-reply", "reaction",
    ]);
    expect(INBOUND_PIPELINE.sections.map((section) => section.key).sort()).toEqual(["ai-assistant", "auto-lead", "stop-bot", "support-agent", "webhook-forwarding"]);
  });

  it("each step's SQL defines exactly the CTEs it declares and mentions no other step's CTE it does not declare reading", () => {
    const allDefined = INBOUND_PIPELINE.steps.flatMap((step) => step.defines);
    for (const stored of settingsMatrix()) {
      const settings = parsePipelineSettings(INBOUND_PIPELINE, WORKSPACE, stored);
      for (const inbound of MESSAGES) {
        const context = contextOf(inbound);
        INBOUND_PIPELINE.steps.forEach((step, i) => {
          const text = render(step.ctes(context, settings[i]!));
          expect(topLevelCtes(text), step.name).toEqual([...step.defines]);
          const mentioned = allDefined.filter((name) => new RegExp(`\\b${name}\\b`).test(withoutLiterals(text)));
          const undeclared = mentioned.filter((name) => !step.defines.includes(name) && !step.reads.includes(name));
          expect(undeclared, `${step.name} reads without declaring`).toEqual([]);
        });
      }
    }
  }, 60_000);

  it("keeps the number of distinct statement texts across the whole settings matrix small (each is prepared once per connection)", () => {
    const texts = new Set<string>();
    let statements = 0;
    for (const stored of settingsMatrix()) {
      const settings = parsePipelineSettings(INBOUND_PIPELINE, WORKSPACE, stored);
      for (const inbound of MESSAGES) {
        const text = render(pipelineStatement(INBOUND_PIPELINE, settings, contextOf(inbound)));
        expect(topLevelCtes(text.replace(/^\s*with\s+/i, "").split(/\n\s*select message\.id/)[0]!)).toEqual(INBOUND_PIPELINE.steps.flatMap((step) => step.defines));
        texts.add(text);
        statements++;
      }
    }
    expect(statements).toBe(settingsMatrix().length * MESSAGES.length);
    // Each step's on/off is a text of its own (an empty CTE costs Postgres nothing); every finer choice is a parameter.
    expect(texts.size).toBeLessThanOrEqual(MAX_TEXTS);
  }, 60_000);

  it("a step that does nothing for this message defines an empty CTE, not a data-changing one gated off", () => {
    const supportAgent = { restrictToAssigned: false, autoAssign: true, method: "round_robin" as const };
    expect(render(reactionStep.ctes(contextOf(MESSAGES[0]!), { supportAgent }))).toBe("reacted as (select null::uuid as id, null::text as status where false)");
    expect(render(reactionStep.ctes(contextOf(MESSAGES[3]!), { supportAgent }))).toMatch(/^reacted as \(\s*update messages/);
  });
});
