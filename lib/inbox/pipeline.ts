import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { parseStoredSettings, type StoredSection } from "@/lib/settings/stored-section";
import type { MessageContent } from "@/lib/whatsapp/message-content";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";

/**
 * The inbound pipeline: what one customer message does, as ONE SQL statement
 * (atomic without a transaction, one round trip on the webhook's hot path)
 * composed from ordered steps. Each step declares the settings it reads, the
 * common table expressions it defines and the ones of earlier steps it reads,
 * and the result columns it adds; `composePipeline` refuses a list where a
 * step reads what no earlier step defines, so a broken composition fails at
 * start-up, not on a customer's message. The contract between the features
 * that share the statement (inbox, assignment, leads, forwarding, bots) is
 * these declarations, not comments.
 */

// Sections of any shape: a step's own `settings` keeps the precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySection = StoredSection<any>;
type SectionMap = Record<string, AnySection>;
export type SettingsOf<S extends SectionMap> = { [K in keyof S]: z.output<S[K]["schema"]> };

/** The message being stored, as every step sees it. */
export type InboundContext = {
  workspaceId: string;
  message: InboundMessage;
  content: MessageContent;
  /** A customer message that counts for the chat (not a reaction): only these open chats, leads and replies. */
  counts: boolean;
  /** The message's time (ISO), as stored. */
  sentAt: string;
  now: Date;
  /** Who realtime events name: the profile name, else the number (bounded: Pusher refuses events over 10 KB). */
  contactName: string;
  profileName: string | null;
};

/** What the core columns of a stored message's row say, for the steps' effects. */
export type StoredCore = {
  messageId: string;
  conversationId: string;
  conversationCreated: boolean;
  assigneeId: string | null;
};

/** What a step asks for once its statement committed: events to publish, jobs it enqueued, when to wake. */
export type StepEffects = { events?: RealtimeEvent[]; jobsEnqueued?: number; wakeAt?: Date | null };

export type InboundStep<S extends SectionMap = SectionMap, Row extends Record<string, unknown> = Record<string, unknown>> = {
  name: string;
  settings: S;
  /** The CTEs this step's `ctes` defines, in order. */
  defines: readonly string[];
  /** The CTEs of earlier steps it reads. */
  reads: readonly string[];
  /** Its CTE definitions (`name as (...)`, comma-separated). Pure: no I/O. */
  ctes: (context: InboundContext, settings: SettingsOf<S>) => SQL;
  /** The columns it adds to the statement's result row (expressions over its CTEs). */
  columns?: { [K in keyof Row]: SQL };
  effects?: (row: Row, core: StoredCore, context: InboundContext, settings: SettingsOf<S>) => StepEffects;
};

export function defineStep<const S extends SectionMap, Row extends Record<string, unknown> = Record<string, never>>(step: InboundStep<S, Row>): InboundStep<S, Row> {
  return step;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStep = InboundStep<any, any>;

export class PipelineError extends Error {}

/**
 * A CTE with the given columns and no row: what a step that does nothing for
 * this message defines instead of its data-changing CTE. A data-changing CTE
 * gated off by a parameter still costs Postgres its planning and the opening
 * of its table and every index on each run; this costs nothing. Each such
 * choice doubles the statement's texts, so only a step's on/off is rendered
 * this way, never its finer choices (those stay parameters).
 */
export function emptyCte(name: string, columns: Record<string, string>): SQL {
  const list = Object.entries(columns).map(([column, type]) => `null::${type} as ${column}`);
  return sql.raw(`${name} as (select ${list.join(", ")} where false)`);
}

/** The row every stored message returns, before the steps' own columns. */
const CORE_COLUMNS = sql`message.id as message_id, conversation.id as conversation_id, conversation.created as conversation_created,
       conversation.assigned_user_id as assignee_id`;
/** The result row exists only when the message was stored (a duplicate stores nothing and returns no row). */
const RESULT_READS = ["message", "conversation"] as const;
const CORE_COLUMN_NAMES = ["message_id", "conversation_id", "conversation_created", "assignee_id"];

export type Pipeline = {
  steps: readonly AnyStep[];
  /** Every settings section the steps read, loaded with the workspace in one query. */
  sections: readonly AnySection[];
};

/** Checks the declarations of an ordered list of steps; throws a PipelineError naming the first broken one. */
export function composePipeline(steps: readonly AnyStep[]): Pipeline {
  const defined = new Map<string, string>();
  const columns = new Set(CORE_COLUMN_NAMES);
  const names = new Set<string>();
  for (const step of steps) {
    if (names.has(step.name)) throw new PipelineError(`step "${step.name}" appears twice`);
    names.add(step.name);
    for (const read of step.reads) {
      if (!defined.has(read)) throw new PipelineError(`step "${step.name}" reads "${read}", which no earlier step defines`);
    }
    for (const cte of step.defines) {
      const owner = defined.get(cte);
      if (owner) throw new PipelineError(`step "${step.name}" defines "${cte}", already defined by "${owner}"`);
      defined.set(cte, step.name);
    }
    for (const column of Object.keys(step.columns ?? {})) {
      if (columns.has(column)) throw new PipelineError(`step "${step.name}" adds column "${column}", which another step already adds`);
      columns.add(column);
    }
  }
  for (const read of RESULT_READS) {
    if (!defined.has(read)) throw new PipelineError(`the result row reads "${read}", which no step defines`);
  }
  const sections = new Map<string, AnySection>();
  for (const step of steps) for (const section of Object.values(step.settings) as AnySection[]) sections.set(section.key, section);
  return { steps, sections: [...sections.values()] };
}

/** The pipeline's settings of one workspace, parsed once per delivery and handed to each step by its own names. */
export type PipelineSettings = readonly Record<string, unknown>[];

export function parsePipelineSettings(pipeline: Pipeline, workspaceId: string, stored: Record<string, Record<string, unknown>>): PipelineSettings {
  const parsed = new Map(pipeline.sections.map((section) => [section.key, parseStoredSettings(section, workspaceId, stored[section.key])]));
  return pipeline.steps.map((step) =>
    Object.fromEntries(Object.entries(step.settings as SectionMap).map(([name, section]) => [name, parsed.get(section.key)])),
  );
}

/** The one statement storing a message: every step's CTEs in order, then the result row. */
export function pipelineStatement(pipeline: Pipeline, settings: PipelineSettings, context: InboundContext): SQL {
  const ctes = pipeline.steps.map((step, i) => step.ctes(context, settings[i]!));
  const columns = pipeline.steps.flatMap((step) => Object.entries((step.columns ?? {}) as Record<string, SQL>).map(([name, expression]) => sql`${expression} as ${sql.raw(name)}`));
  return sql`with ${sql.join(ctes, sql`,\n`)}
    select ${CORE_COLUMNS}${columns.length ? sql`, ${sql.join(columns, sql`, `)}` : sql``}
    from message, conversation`;
}

/** What the stored row asks for, step by step. */
export function pipelineEffects(pipeline: Pipeline, settings: PipelineSettings, context: InboundContext, row: Record<string, unknown>): Required<StepEffects> {
  const core: StoredCore = {
    messageId: row.message_id as string,
    conversationId: row.conversation_id as string,
    conversationCreated: Boolean(row.conversation_created),
    assigneeId: (row.assignee_id as string | null) ?? null,
  };
  const total: Required<StepEffects> = { events: [], jobsEnqueued: 0, wakeAt: null };
  pipeline.steps.forEach((step, i) => {
    const effects = step.effects?.(row, core, context, settings[i]!);
    if (!effects) return;
    if (effects.events) total.events.push(...effects.events);
    total.jobsEnqueued += effects.jobsEnqueued ?? 0;
    if (effects.wakeAt && (!total.wakeAt || effects.wakeAt < total.wakeAt)) total.wakeAt = effects.wakeAt;
  });
  return total;
}
