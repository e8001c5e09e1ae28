import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { pauseBotsForAgentReply } from "@/lib/bots/pause";
import type { Db } from "@/lib/db/client";
import { contacts, conversations } from "@/lib/db/schema";
import { AppError, FieldErrors } from "@/lib/errors";
import { findVisibleConversation } from "@/lib/inbox/access";
import { channelOf, type StoredText } from "@/lib/inbox/outbound";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import type { TemplateValues } from "@/lib/templates/model";
import { prepareTemplate, storeTemplateMessage, templateValuesSchema } from "@/lib/templates/send";
import { getChannelRow } from "@/lib/whatsapp/channel";
import { countryOfNumber, parseWhatsAppNumber, type WhatsAppNumber } from "@/lib/whatsapp/phone-number";
import { CONTACT_NAME_MAX_LENGTH, openConversationWith } from "./open-conversation";

/** The form's first step: the number alone. */
export const checkNumberSchema = z.object({ phone: z.string().max(200) });

/** The "New conversation" form: whom to write to, and the template that opens the conversation. */
export const startConversationSchema = checkNumberSchema
  .extend({ name: z.string().max(CONTACT_NAME_MAX_LENGTH * 2).default(""), templateId: z.string().max(100) })
  .and(templateValuesSchema);


/** A typed number read as WhatsApp ids it, in the business's own country when it has no country code. */
async function readNumber(db: Db, workspaceId: string, phone: string): Promise<WhatsAppNumber> {
  const channel = await getChannelRow(db, workspaceId);
  const number = parseWhatsAppNumber(phone, countryOfNumber(channel?.displayPhoneNumber));
  if (!number) throw new FieldErrors({ phone: { key: "phone_number_invalid" } });
  return number;
}

function readName(name: string): string | null {
  const trimmed = name.trim();
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new FieldErrors({ name: { key: "template_param_control" } });
  if (Array.from(trimmed).length > CONTACT_NAME_MAX_LENGTH) throw new FieldErrors({ name: { key: "too_long", values: { max: CONTACT_NAME_MAX_LENGTH } } });
  return trimmed || null;
}

export type CheckedNumber = {
  e164: string;
  /** The number as people read it, e.g. +55 11 98765-4321. */
  display: string;
  /** The customer's thread when one exists and the member may open it. */
  existing: { conversationId: string; contactName: string | null } | null;
};

/** The first step of the form: is this a number, and does the customer already have a thread the member can open? */
export async function checkNewConversationNumber(db: Db, member: Actor, phone: string): Promise<CheckedNumber> {
  const number = await readNumber(db, member.workspaceId, phone);
  const rows = await db
    .select({ conversationId: conversations.id, waId: contacts.waId, name: contacts.profileName })
    .from(contacts)
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(eq(contacts.workspaceId, member.workspaceId), inArray(contacts.waId, number.candidates)));
  rows.sort((a, b) => number.candidates.indexOf(a.waId) - number.candidates.indexOf(b.waId));
  for (const row of rows) {
    try {
      await findVisibleConversation(db, member, row.conversationId);
      return { e164: number.e164, display: number.display, existing: { conversationId: row.conversationId, contactName: row.name } };
    } catch (error) {
      // Another agent's restricted thread is not offered; sending to it is refused with a reason.
      if (!(error instanceof AppError && error.type === "not_found")) throw error;
    }
  }
  return { e164: number.e164, display: number.display, existing: null };
}

/**
 * Starts (or resumes) a conversation with a phone number by sending it an approved template, the
 * only message WhatsApp lets a business send first. Everything happens in one transaction: the
 * contact, the thread assigned to the member, and the template stored as pending; `deliver` then
 * sends it, as for any template from the composer.
 */
export async function startConversation(
  db: Db,
  member: Actor,
  input: { phone: string; name: string; templateId: string } & TemplateValues,
): Promise<{ conversationId: string; stored: StoredText }> {
  const number = await readNumber(db, member.workspaceId, input.phone);
  const name = readName(input.name);
  const prepared = await prepareTemplate(db, member.workspaceId, input.templateId, input);
  const credentials = await channelOf(db, member.workspaceId);

  const now = new Date();
  const { opened, messageId } = await db.transaction(async (tx) => {
    const opened = await openConversationWith(tx, member, { number, name }, now);
    const messageId = await storeTemplateMessage(tx, opened.conversation, { prepared, sender: "agent", authorUserId: member.userId, now });
    await pauseBotsForAgentReply(tx, opened.conversation, now);
    return { opened, messageId };
  });

  const conversationId = opened.conversation.id;
  const audience = await conversationAudience(db, member.workspaceId, opened.conversation.assignedUserId);
  // The thread is the member's (new, or taken while unassigned) or stays with its assignee: no one else must hear of an assignment.
  const events = [
    ...eventsFor(audience, "conversation.updated", { conversationId, ...(opened.createdConversation ? { created: true } : {}) }),
    ...eventsFor(audience, "message.created", { conversationId, messageId, direction: "outbound" as const, sender: "agent" as const, authorUserId: member.userId }),
  ];
  return {
    conversationId,
    stored: {
      delivery: { messageId, conversationId, workspaceId: member.workspaceId, to: opened.waId, body: prepared.rendered.body, template: prepared.request, credentials },
      events,
    },
  };
}
