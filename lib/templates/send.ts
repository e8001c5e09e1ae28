import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, FieldErrors } from "@/lib/errors";
import { findVisibleConversation, type ConversationRow, type Viewer } from "@/lib/inbox/access";
import { channelOf, contactWaId, storeOutboundMessage, type InStoringTransaction, type StoredText } from "@/lib/inbox/outbound";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import {
  buildSendComponents,
  PARAM_MAX_LENGTH,
  parseComponents,
  renderTemplate,
  valueProblems,
  type ParameterFormat,
  type RenderedTemplate,
  type TemplateRequest,
  type TemplateValues,
} from "./model";
import { getTemplate, type TemplateRow } from "./queries";
import { isSendable } from "./statuses";


/** What a form sends: the template's id and the values of its parameters (keys from templateParameters). */
export const templateValuesSchema = z.object({
  params: z.record(z.string().max(64), z.string().max(PARAM_MAX_LENGTH * 2)).default({}),
  headerMedia: z
    .union([
      z.object({ link: z.string().max(2000), filename: z.string().max(240).optional() }),
      z.object({ id: z.string().max(64), filename: z.string().max(240).optional() }),
    ])
    .nullish(),
});

export const sendTemplateSchema = z.object({ templateId: z.string().max(100) }).and(templateValuesSchema);

/** What `message.payload.template` keeps: enough to show the bubble and to resend the same request. */
export type StoredTemplatePayload = {
  templateId: string;
  name: string;
  language: string;
  parameterFormat: ParameterFormat;
  /** The `components` sent to Meta, exactly. */
  components: TemplateRequest["components"];
  header: RenderedTemplate["header"];
  footer: string | null;
  buttons: RenderedTemplate["buttons"];
};

export type PreparedTemplate = { request: TemplateRequest; rendered: RenderedTemplate; payload: StoredTemplatePayload };

/**
 * Checks a workspace's template and the values for it, and builds the send
 * request and what the chat will show. Refuses a template that is not approved
 * (Meta would answer 132001/132015/132016) and values Meta would refuse, as field errors.
 */
export async function prepareTemplate(db: Db, workspaceId: string, templateId: string, values: TemplateValues): Promise<PreparedTemplate> {
  const row = await getTemplate(db, workspaceId, templateId);
  return prepareFromRow(row, values);
}

export function prepareFromRow(row: TemplateRow, values: TemplateValues): PreparedTemplate {
  if (!isSendable(row.status)) throw new AppError("conflict:template", { messageKey: "template_not_sendable" });
  const format: ParameterFormat = row.parameterFormat === "named" ? "named" : "positional";
  const parsed = parseComponents(row.components);
  const params = Object.fromEntries(Object.entries(values.params).map(([key, value]) => [key, value.trim()]));
  const clean: TemplateValues = { params, headerMedia: values.headerMedia ?? null };
  const problems = valueProblems(parsed, format, clean);
  if (Object.keys(problems).length) {
    throw new FieldErrors(Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key === "headerMedia" ? key : `params.${key}`, { key: problem }])));
  }
  const components = buildSendComponents(parsed, format, clean);
  const rendered = renderTemplate(parsed, clean);
  return {
    request: { name: row.name, language: { code: row.language }, components },
    rendered,
    payload: {
      templateId: row.id,
      name: row.name,
      language: row.language,
      parameterFormat: format,
      components,
      header: rendered.header,
      footer: rendered.footer,
      buttons: rendered.buttons,
    },
  };
}

/**
 * Stores a prepared template as a pending outbound message of `conversation`
 * and makes it the conversation's last message, inside the caller's
 * transaction. No window check: WhatsApp accepts templates at any time. Used
 * by the chat composer and by whatever starts a conversation with a template.
 */
export async function storeTemplateMessage(
  tx: Db,
  conversation: Pick<ConversationRow, "id" | "workspaceId">,
  m: { prepared: PreparedTemplate; sender: "agent" | "bot"; authorUserId: string | null; now: Date },
): Promise<string> {
  return storeOutboundMessage(tx, conversation, {
    sender: m.sender,
    authorUserId: m.authorUserId,
    type: "template",
    text: m.prepared.rendered.body,
    payload: { template: m.prepared.payload },
    now: m.now,
  });
}

/**
 * An agent's template to a chat they may see, stored as pending; `deliver`
 * (lib/inbox/outbound.ts) then sends it. Another workspace's template or a
 * chat the agent may not see is not found.
 */
export async function storeAgentTemplate(
  db: Db,
  member: Viewer,
  input: { conversationId: string; templateId: string } & TemplateValues,
  inTransaction?: InStoringTransaction,
): Promise<StoredText> {
  await findVisibleConversation(db, member, input.conversationId);
  const prepared = await prepareTemplate(db, member.workspaceId, input.templateId, input);
  const credentials = await channelOf(db, member.workspaceId);

  const stored = await db.transaction(async (tx) => {
    // The conversation row lock orders this with the webhook's writes to last_message_*, as for texts.
    const conversation = await findVisibleConversation(tx, member, input.conversationId, { forUpdate: true });
    const now = new Date();
    const to = await contactWaId(tx, conversation);
    const messageId = await storeTemplateMessage(tx, conversation, { prepared, sender: "agent", authorUserId: member.userId, now });
    await inTransaction?.(tx, conversation, now);
    return { messageId, conversation, to };
  });

  const conversationId = stored.conversation.id;
  const audience = await conversationAudience(db, member.workspaceId, stored.conversation.assignedUserId);
  return {
    delivery: {
      messageId: stored.messageId,
      conversationId,
      workspaceId: member.workspaceId,
      to: stored.to,
      body: prepared.rendered.body,
      template: prepared.request,
      credentials,
    },
    events: [
      ...eventsFor(audience, "message.created", { conversationId, messageId: stored.messageId, direction: "outbound", sender: "agent", authorUserId: member.userId }),
      ...eventsFor(audience, "conversation.updated", { conversationId }),
    ],
  };
}
