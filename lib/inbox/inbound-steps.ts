import { sql } from "drizzle-orm";
import { conversationChannels, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { defineStep, emptyCte, type InboundContext } from "./pipeline";

/**
 * The inbox's own steps of the inbound statement: the contact, the message
 * (the gate: inserted once per wamid, and every later step acts only through
 * the rows it returned, so a redelivery, even a concurrent one, changes
 * nothing), the conversation and a reaction's target. The conversation
 * takes its automatic assignee from `pick` and its bot pauses from `pause`,
 * which the assignment and bots steps define before it.
 */

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const nowAt = ({ now }: InboundContext) => sql`${now.toISOString()}::timestamptz`;

export const contactStep = defineStep({
  name: "contact",
  settings: {},
  defines: ["contact"],
  reads: [],
  ctes: (context) => sql`contact as (
      insert into contacts (workspace_id, wa_id, profile_name) values (${context.workspaceId}, ${context.message.from}, ${context.profileName})
      on conflict (workspace_id, wa_id) do update
        set profile_name = coalesce(excluded.profile_name, contacts.profile_name), updated_at = ${nowAt(context)}
      returning id
    )`,
});

/**
 * A time replaced by the time of receipt keeps the value Meta sent in the
 * payload, as `original_timestamp` (prepared by the caller in `content`).
 * `previous` is the assignee before this statement: null for a new
 * conversation or one nobody owns yet.
 */
export const messageStep = defineStep({
  name: "message",
  settings: {},
  defines: ["target", "message", "previous"],
  reads: ["contact"],
  ctes: ({ workspaceId, message, content, sentAt }) => {
    const replyTo = message.type === "reaction" ? (message.reaction?.message_id ?? null) : content.replyToWamid;
    return sql`target as (
      select coalesce(
        (select c.id from conversations c, contact where c.workspace_id = ${workspaceId} and c.contact_id = contact.id),
        gen_random_uuid()) as id
    ),
    message as (
      insert into messages (workspace_id, conversation_id, wamid, direction, sender, type, text, media, payload,
                            reply_to_wamid, status, error, sent_at)
      select ${workspaceId}, target.id, ${message.id}, 'inbound', 'customer', ${content.type}, ${content.text},
             ${json(content.media)}::jsonb, ${json(content.payload)}::jsonb, ${replyTo}, 'received', ${json(content.error)}::jsonb,
             ${sentAt}::timestamptz
      from target
      on conflict (wamid) do nothing
      returning id, conversation_id
    ),
    previous as (select assigned_user_id from conversations where id = (select id from target))`;
  },
});

/**
 * A customer message reopens the chat, counts as unread, becomes its
 * preview when it is the newest, keeps the first assignee and extends (never
 * shortens) a bot pause. A reaction only moves the last inbound time.
 */
export const conversationStep = defineStep({
  name: "conversation",
  settings: { supportAgent: supportAgentSection },
  defines: ["conversation"],
  reads: ["message", "contact", "pick", "pause"],
  ctes: (context) => {
    const { workspaceId, content, counts, sentAt } = context;
    const newer = sql`excluded.last_message_at >= conversations.last_message_at`;
    const set = counts
      ? sql`status = 'open', resolved_at = null, unread_count = conversations.unread_count + 1,
        last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
        last_message_preview = case when ${newer} then excluded.last_message_preview else conversations.last_message_preview end,
        last_message_type = case when ${newer} then excluded.last_message_type else conversations.last_message_type end,
        last_message_direction = case when ${newer} then excluded.last_message_direction else conversations.last_message_direction end,
        last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at),
        assigned_user_id = coalesce(conversations.assigned_user_id, excluded.assigned_user_id),
        bots_paused_until = greatest(conversations.bots_paused_until, excluded.bots_paused_until),
        assistant_paused_until = greatest(conversations.assistant_paused_until, excluded.assistant_paused_until),
        updated_at = ${nowAt(context)}`
      : sql`last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at), updated_at = ${nowAt(context)}`;
    return sql`conversation as (
      insert into conversations (id, workspace_id, contact_id, status, unread_count, last_message_at, last_message_preview,
                                 last_message_type, last_message_direction, last_inbound_at, assigned_user_id,
                                 bots_paused_until, assistant_paused_until)
      select message.conversation_id, ${workspaceId}, contact.id, 'open', ${counts ? 1 : 0}, ${sentAt}::timestamptz,
             ${content.text?.slice(0, 200) ?? null}, ${content.type}, 'inbound', ${sentAt}::timestamptz, (select user_id from pick),
             (select bots_paused_until from pause), (select assistant_paused_until from pause)
      from message, contact
      on conflict (workspace_id, contact_id) do update set ${set}
      returning id, (xmax = 0) as created, assigned_user_id, bots_paused_until, assistant_paused_until
    )`;
  },
  effects: (_row, core, { workspaceId, counts }, { supportAgent }) => {
    const audience = conversationChannels(workspaceId, supportAgent.restrictToAssigned, core.assigneeId);
    const events: RealtimeEvent[] = eventsFor(audience, "conversation.updated", { conversationId: core.conversationId, created: core.conversationCreated });
    if (counts) {
      events.push(
        ...eventsFor(audience, "message.created", { conversationId: core.conversationId, messageId: core.messageId, direction: "inbound", sender: "customer", authorUserId: null }),
      );
    }
    return { events };
  },
});

/** A reaction shows on the message it reacts to, when that message is ours to find. */
export const reactionStep = defineStep<{ supportAgent: typeof supportAgentSection }, { reacted_id: string | null; reacted_status: string | null }>({
  name: "reaction",
  settings: { supportAgent: supportAgentSection },
  defines: ["reacted"],
  reads: ["message"],
  ctes: (context) => {
    const { workspaceId, message } = context;
    if (message.type !== "reaction") return emptyCte("reacted", { id: "uuid", status: "text" });
    return sql`reacted as (
      update messages set reaction_emoji = ${message.reaction?.emoji || null}, updated_at = ${nowAt(context)}
      where workspace_id = ${workspaceId} and wamid = ${message.reaction?.message_id || ""} and exists (select 1 from message)
      returning id, status
    )`;
  },
  columns: { reacted_id: sql`(select id from reacted)`, reacted_status: sql`(select status from reacted)::text` },
  effects: (row, core, { workspaceId }, { supportAgent }) => {
    if (!row.reacted_id) return {};
    const audience = conversationChannels(workspaceId, supportAgent.restrictToAssigned, core.assigneeId);
    return { events: eventsFor(audience, "message.updated", { conversationId: core.conversationId, messageId: row.reacted_id, status: row.reacted_status ?? "" }) };
  },
});
