import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, messages, whatsappChannels } from "@/lib/db/schema";
import { event, workspaceChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { messageContent } from "@/lib/whatsapp/message-content";
import type { InboundMessage, ParsedChange } from "@/lib/whatsapp/webhook-payload";
import { applyStatus } from "./statuses";

export type ReceiveOutcome = {
  workspaceId: string | null;
  stored: number;
  duplicates: number;
  statusesApplied: number;
  /** Published by the caller after the response: never inside a transaction. */
  events: RealtimeEvent[];
};

/** Thrown inside the transaction to roll back everything a redelivered message touched. */
class DuplicateDelivery extends Error {}

export async function workspaceForPhoneNumber(db: Db, phoneNumberId: string): Promise<string | null> {
  const [row] = await db
    .select({ workspaceId: whatsappChannels.workspaceId })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.phoneNumberId, phoneNumberId));
  return row?.workspaceId ?? null;
}

/**
 * Stores one webhook change (the messages and statuses of one business
 * number). Each message is its own transaction, so a failure leaves earlier
 * messages stored and no message half-stored; Meta's retry then stores the
 * rest, and what was already stored is recognised by its wamid.
 */
export async function receiveChange(db: Db, change: ParsedChange, now = new Date()): Promise<ReceiveOutcome> {
  const workspaceId = await workspaceForPhoneNumber(db, change.phoneNumberId);
  const outcome: ReceiveOutcome = { workspaceId, stored: 0, duplicates: 0, statusesApplied: 0, events: [] };
  if (!workspaceId) return outcome;

  const ordered = [...change.messages].sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
  for (const message of ordered) {
    const events = await receiveMessage(db, workspaceId, message, change.profileNames.get(message.from) ?? null, now);
    if (events) {
      outcome.stored++;
      outcome.events.push(...events);
    } else {
      outcome.duplicates++;
    }
  }
  for (const status of change.statuses) {
    const updated = await applyStatus(db, workspaceId, status);
    if (updated) {
      outcome.statusesApplied++;
      outcome.events.push(event(workspaceChannel(workspaceId), "message.updated", updated));
    }
  }
  return outcome;
}

/** Returns the events to publish, or null when the message was already stored. */
async function receiveMessage(db: Db, workspaceId: string, message: InboundMessage, profileName: string | null, now: Date) {
  const content = messageContent(message);
  const sentAt = new Date(Number(message.timestamp) * 1000);
  const isReaction = message.type === "reaction";
  const channel = workspaceChannel(workspaceId);

  try {
    return await db.transaction(async (tx) => {
      // Fast path for Meta's redeliveries; the unique wamid below still decides races.
      const [seen] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.wamid, message.id));
      if (seen) throw new DuplicateDelivery();

      const [contact] = await tx
        .insert(contacts)
        .values({ workspaceId, waId: message.from, profileName })
        .onConflictDoUpdate({
          target: [contacts.workspaceId, contacts.waId],
          set: { profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})`, updatedAt: now },
        })
        .returning({ id: contacts.id });

      const conversation = await upsertConversation(tx, workspaceId, contact!.id, {
        sentAt,
        preview: content.text?.slice(0, 200) ?? null,
        type: content.type,
        counts: !isReaction,
        now,
      });

      const [stored] = await tx
        .insert(messages)
        .values({
          workspaceId,
          conversationId: conversation.id,
          wamid: message.id,
          direction: "inbound",
          sender: "customer",
          type: content.type,
          text: content.text,
          media: content.media,
          payload: content.payload,
          replyToWamid: isReaction ? (message.reaction?.message_id ?? null) : content.replyToWamid,
          status: "received",
          error: content.error,
          sentAt,
        })
        .onConflictDoNothing({ target: messages.wamid })
        .returning({ id: messages.id });
      if (!stored) throw new DuplicateDelivery();

      const events: RealtimeEvent[] = [
        event(channel, "conversation.updated", { conversationId: conversation.id, created: conversation.created }),
      ];
      if (isReaction && message.reaction) {
        const target = await applyReaction(tx, workspaceId, message.reaction.message_id, message.reaction.emoji ?? "");
        if (target) events.push(event(channel, "message.updated", target));
      } else {
        events.push(
          event(channel, "message.created", {
            conversationId: conversation.id,
            messageId: stored.id,
            direction: "inbound",
            sender: "customer",
            authorUserId: null,
          }),
        );
      }
      return events;
    });
  } catch (error) {
    if (error instanceof DuplicateDelivery) return null;
    throw error;
  }
}

type ConversationTouch = { sentAt: Date; preview: string | null; type: string; counts: boolean; now: Date };

/**
 * Creates the customer's conversation or brings it up to date: reopened,
 * one more unread, and the last-message fields, unless this message is
 * older than the one already shown (Meta does not guarantee order).
 * A reaction only keeps the customer-service window fresh.
 */
async function upsertConversation(tx: Db, workspaceId: string, contactId: string, touch: ConversationTouch) {
  const newer = sql`excluded.last_message_at >= ${conversations.lastMessageAt}`;
  const set = touch.counts
    ? {
        status: sql`'open'::conversation_status`,
        resolvedAt: sql`null`,
        unreadCount: sql`${conversations.unreadCount} + 1`,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, excluded.last_message_at)`,
        lastMessagePreview: sql`case when ${newer} then excluded.last_message_preview else ${conversations.lastMessagePreview} end`,
        lastMessageType: sql`case when ${newer} then excluded.last_message_type else ${conversations.lastMessageType} end`,
        lastMessageDirection: sql`case when ${newer} then excluded.last_message_direction else ${conversations.lastMessageDirection} end`,
        lastInboundAt: sql`greatest(${conversations.lastInboundAt}, excluded.last_inbound_at)`,
        updatedAt: touch.now,
      }
    : { lastInboundAt: sql`greatest(${conversations.lastInboundAt}, excluded.last_inbound_at)`, updatedAt: touch.now };
  const [row] = await tx
    .insert(conversations)
    .values({
      workspaceId,
      contactId,
      status: "open",
      unreadCount: touch.counts ? 1 : 0,
      lastMessageAt: touch.sentAt,
      lastMessagePreview: touch.preview,
      lastMessageType: touch.type,
      lastMessageDirection: "inbound",
      lastInboundAt: touch.sentAt,
    })
    .onConflictDoUpdate({ target: [conversations.workspaceId, conversations.contactId], set })
    // xmax is 0 only for a row this statement inserted.
    .returning({ id: conversations.id, created: sql<boolean>`(xmax = 0)` });
  return row!;
}

/** The customer's reaction is shown on the message it reacts to; an empty emoji removes it. */
async function applyReaction(tx: Db, workspaceId: string, targetWamid: string, emoji: string) {
  const [target] = await tx
    .update(messages)
    .set({ reactionEmoji: emoji || null, updatedAt: new Date() })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.wamid, targetWamid)))
    .returning({ messageId: messages.id, conversationId: messages.conversationId, status: messages.status });
  return target ?? null;
}
