import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, messageBots } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { isActiveSource } from "@/lib/leads/sources";
import { mediaHeaderFormat, parseComponents, templateParameters, valueProblems, type ParameterFormat } from "@/lib/templates/model";
import { getTemplate, type TemplateRow } from "@/lib/templates/queries";
import { isSendable } from "@/lib/templates/statuses";
import type { MessageRef } from "@/lib/validation";
import type { BotInput, BotReply } from "./definition";

type Fields = Record<string, MessageRef>;

/**
 * Postgres stores no NUL character in text or jsonb: one anywhere in the bot
 * would fail the insert with a 500. Each string holding one becomes a field
 * error at its own path (a keyword's error shows on the keywords field).
 */
export function nulFields(value: unknown, path: (string | number)[] = [], fields: Fields = {}): Fields {
  if (typeof value === "string") {
    if (value.includes("\u0000")) {
      const at = path[0] === "keywords" ? "keywords" : path.join(".");
      fields[at || "_form"] ??= { key: "nul_character" };
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulFields(item, [...path, index], fields));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // A key is stored too (template params).
      if (key.includes("\u0000")) fields[[...path].join(".") || "_form"] ??= { key: "nul_character" };
      nulFields(item, [...path, key], fields);
    }
  }
  return fields;
}

/**
 * The options' "leads to" bots: each must be a bot of the same workspace and
 * not the bot itself. Cycles through other bots are allowed on purpose: a
 * "back to the menu" button leads to a bot that leads here. The referenced
 * rows are read FOR SHARE inside the caller's transaction, so a delete of one
 * of them (which locks them FOR UPDATE) waits for this save or runs first and
 * is seen.
 */
async function checkNextBots(tx: Db, workspaceId: string, reply: BotReply, selfId: string | null, fields: Fields): Promise<void> {
  const options = reply.kind === "buttons" ? reply.buttons.map((o, i) => ({ o, path: `reply.buttons.${i}.nextBotId` })) : reply.kind === "list" ? reply.rows.map((o, i) => ({ o, path: `reply.rows.${i}.nextBotId` })) : [];
  const ids = [...new Set(options.map(({ o }) => o.nextBotId).filter((id): id is string => id !== null))];
  if (!ids.length) return;
  const rows = await tx
    .select({ id: messageBots.id })
    .from(messageBots)
    .where(and(eq(messageBots.workspaceId, workspaceId), inArray(messageBots.id, ids)))
    .for("share");
  const found = new Set(rows.map((row) => row.id));
  for (const { o, path } of options) {
    if (o.nextBotId === null) continue;
    if (o.nextBotId === selfId) fields[path] = { key: "bot_next_self" };
    else if (!found.has(o.nextBotId)) fields[path] = { key: "invalid_option" };
  }
}

/** Only the parameters the template has are kept, trimmed, so a re-synced template never carries stale values. */
function templateReply(row: TemplateRow, reply: Extract<BotReply, { kind: "template" }>, fields: Fields): Extract<BotReply, { kind: "template" }> {
  if (!isSendable(row.status)) {
    fields["reply.templateId"] = { key: "bot_template_not_approved" };
    return reply;
  }
  const format: ParameterFormat = row.parameterFormat === "named" ? "named" : "positional";
  const parsed = parseComponents(row.components);
  const params = Object.fromEntries(templateParameters(parsed, format).map((p) => [p.key, (reply.params[p.key] ?? "").trim()]));
  const hasMedia = mediaHeaderFormat(parsed) !== null;
  const headerLink = hasMedia ? reply.headerLink : "";
  const problems = valueProblems(parsed, format, { params, headerMedia: headerLink ? { link: headerLink } : null });
  for (const [key, problem] of Object.entries(problems)) {
    const path = key === "headerMedia" ? "reply.headerLink" : key === "body" || key === "header" ? "reply.params" : `reply.params.${key}`;
    fields[path] ??= { key: problem };
  }
  return { ...reply, params, headerLink };
}

/**
 * Every reference a bot makes, checked against the member's workspace: the
 * options' next bots, an approved template and its values, an active lead
 * source, an active member to assign. Returns the bot as it is stored
 * (keywords only for a keyword bot, the template's own parameters), or
 * throws every problem at once as field errors.
 */
export async function checkedBot(tx: Db, workspaceId: string, input: BotInput, selfId: string | null): Promise<BotInput> {
  const fields: Fields = nulFields(input);
  if (Object.keys(fields).length) throw new FieldErrors(fields);

  let reply = input.reply;
  await checkNextBots(tx, workspaceId, reply, selfId, fields);
  if (reply.kind === "template") {
    const template = await getTemplate(tx, workspaceId, reply.templateId).catch((error: unknown) => {
      if (error instanceof AppError && error.type === "not_found") return null;
      throw error;
    });
    if (!template) fields["reply.templateId"] = { key: "invalid_option" };
    else reply = templateReply(template, reply, fields);
  }
  if (input.actions.leadSourceId && !(await isActiveSource(tx, workspaceId, input.actions.leadSourceId))) {
    fields["actions.leadSourceId"] = { key: "invalid_option" };
  }
  if (input.actions.assignUserId) {
    const [assignee] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.actions.assignUserId), eq(memberships.active, true)));
    if (!assignee) fields["actions.assignUserId"] = { key: "invalid_option" };
  }
  if (Object.keys(fields).length) throw new FieldErrors(fields);
  return { ...input, reply, keywords: input.trigger === "keyword" ? input.keywords : [] };
}
