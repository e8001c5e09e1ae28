import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from "@/lib/db/errors";
import { executePrepared } from "@/lib/db/prepared";
import { pickAgentCtes } from "@/lib/assignment/auto-assign";
import { botCtes, decideBots, pauseColumns, pauseUpdates, pauseValues } from "@/lib/bots/on-inbound";
import { forwardingCtes } from "@/lib/forwarding/on-inbound";
import { autoLeadCte } from "@/lib/leads/auto-lead";
import type { SupportAgentSettings } from "@/lib/settings/support-agent";
import { conversationChannels, eventsFor, leadChannels } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { messageContent } from "@/lib/whatsapp/message-content";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";
import type { InboundSettings } from "./receive";

type StoredRow = {
  message_id: string;
  conversation_id: string;
  conversation_created: boolean;
  reacted_id: string | null;
  reacted_status: string | null;
  assigned_to: string | null;
  assignee_id: string | null;
  lead_id: string | null;
  lead_assignee_id: string | null;
  forward_job_id: string | null;
  reply_at: string | Date | null;
};

export type PreparedMessage = {
  statement: SQL;
  isReaction: boolean;
  /** Who the realtime events name: the profile name, else the number. */
  contactName: string;
};

/**
 * Builds the ONE statement that stores an inbound message, which makes it
 * atomic without a transaction and costs a single round trip on the
 * webhook's hot path: the message insert is the gate (ON CONFLICT on the
 * wamid), and the contact, conversation and reaction changes only happen
 * through rows it returned, so a redelivery, even a concurrent one, changes
 * nothing. The foreign key from the message to a conversation created in the
 * same statement is checked at its end. Pure (no I/O): what it throws comes
 * from the message's values. A time replaced by the time of receipt keeps
 * the value Meta sent in the payload, as `original_timestamp`.
 */
export function prepareMessage(
  workspaceId: string,
  { supportAgent, autoLead, forwarding, stopBot, assistant }: InboundSettings,
  message: InboundMessage,
  profileName: string | null,
  time: { at: Date; replaced: boolean },
  now: Date,
): PreparedMessage {
  const content = messageContent(message);
  if (time.replaced) content.payload = { ...content.payload, original_timestamp: message.timestamp ?? null };
  const sentAt = time.at.toISOString();
  const isReaction = message.type === "reaction";
  const counts = !isReaction;
  const preview = content.text?.slice(0, 200) ?? null;
  const replyTo = isReaction ? (message.reaction?.message_id ?? null) : content.replyToWamid;
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const newer = sql`excluded.last_message_at >= conversations.last_message_at`;
  const bots = decideBots(content.text ?? null, counts, { stopBot, assistant }, now);
  const conversationSet = counts
    ? sql`status = 'open', resolved_at = null, unread_count = conversations.unread_count + 1,
        last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
        last_message_preview = case when ${newer} then excluded.last_message_preview else conversations.last_message_preview end,
        last_message_type = case when ${newer} then excluded.last_message_type else conversations.last_message_type end,
        last_message_direction = case when ${newer} then excluded.last_message_direction else conversations.last_message_direction end,
        last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at),
        assigned_user_id = coalesce(conversations.assigned_user_id, excluded.assigned_user_id),
        ${pauseUpdates},
        updated_at = ${now.toISOString()}::timestamptz`
    : sql`last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at), updated_at = ${now.toISOString()}::timestamptz`;

  // Automatic assignment happens in this same statement, only for a stored customer message (not a
  // reaction) in a conversation nobody owns yet.
  const autoAssignGate = counts && supportAgent.autoAssign
    ? sql`exists (select 1 from message) and (select assigned_user_id from previous) is null`
    : sql`false`;
  const statement = sql`
    with contact as (
      insert into contacts (workspace_id, wa_id, profile_name) values (${workspaceId}, ${message.from}, ${profileName})
      on conflict (workspace_id, wa_id) do update
        set profile_name = coalesce(excluded.profile_name, contacts.profile_name), updated_at = ${now.toISOString()}::timestamptz
      returning id
    ),
    target as (
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
    -- The assignee before this statement: null for a new conversation or one nobody owns yet.
    previous as (select assigned_user_id from conversations where id = (select id from target)),
    ${pickAgentCtes(workspaceId, supportAgent.method, autoAssignGate)},
    conversation as (
      insert into conversations (id, workspace_id, contact_id, status, unread_count, last_message_at, last_message_preview,
                                 last_message_type, last_message_direction, last_inbound_at, assigned_user_id, ${pauseColumns})
      select message.conversation_id, ${workspaceId}, contact.id, 'open', ${counts ? 1 : 0}, ${sentAt}::timestamptz, ${preview},
             ${content.type}, 'inbound', ${sentAt}::timestamptz, (select user_id from pick), ${pauseValues(bots)}
      from message, contact
      on conflict (workspace_id, contact_id) do update set ${conversationSet}
      returning id, (xmax = 0) as created, assigned_user_id, bots_paused_until, assistant_paused_until
    ),
    assignment as (
      insert into conversation_events (workspace_id, conversation_id, kind, to_user_id)
      select ${workspaceId}, conversation.id, 'assigned', conversation.assigned_user_id
      from conversation, pick
      where conversation.assigned_user_id = pick.user_id and (select assigned_user_id from previous) is null
      returning to_user_id
    ),
    ${autoLeadCte(workspaceId, autoLead, message, counts)},
    ${forwardingCtes(workspaceId, forwarding, now)},
    ${botCtes(workspaceId, bots, now)},
    reacted as (
      update messages set reaction_emoji = ${isReaction ? message.reaction?.emoji || null : null}, updated_at = ${now.toISOString()}::timestamptz
      where ${isReaction} and workspace_id = ${workspaceId} and wamid = ${replyTo ?? ""} and exists (select 1 from message)
      returning id, status
    )
    select message.id as message_id, conversation.id as conversation_id, conversation.created as conversation_created,
           (select id from reacted) as reacted_id, (select status from reacted)::text as reacted_status,
           (select to_user_id from assignment) as assigned_to, conversation.assigned_user_id as assignee_id,
           (select id from lead) as lead_id, (select assigned_user_id from lead) as lead_assignee_id,
           (select id from forward_job) as forward_job_id,
           (select run_at from reply_job) as reply_at
    from message, conversation`;
  // Bounded: a realtime event over 10 KB is refused by Pusher, with the others of its batch.
  return { statement, isReaction, contactName: (profileName ?? message.from).slice(0, 200) };
}

/** Runs a prepared message's statement; returns the events to publish, or null for a duplicate. */
export async function storeMessage(db: Db, workspaceId: string, supportAgent: SupportAgentSettings, { statement, isReaction, contactName }: PreparedMessage) {
  const [row] = await executeRacingNewConversation<StoredRow>(db, statement);
  if (!row) return null;

  const audience = conversationChannels(workspaceId, supportAgent.restrictToAssigned, row.assignee_id);
  const events: RealtimeEvent[] = eventsFor(audience, "conversation.updated", { conversationId: row.conversation_id, created: row.conversation_created });
  if (row.assigned_to) {
    // The automatic choice tells its agent at once, as a manual assignment does.
    events.push(
      event(userChannel(row.assigned_to), "conversation.assigned", {
        conversationId: row.conversation_id,
        toUserId: row.assigned_to,
        byUserId: null,
        contactName,
      }),
    );
  }
  // A lead is seen by the lead's assignee, who may not be the chat's.
  if (row.lead_id) events.push(...eventsFor(leadChannels(workspaceId, supportAgent.restrictToAssigned, row.lead_assignee_id), "lead.created", { leadId: row.lead_id }));
  if (row.lead_id && row.lead_assignee_id) {
    events.push(
      event(userChannel(row.lead_assignee_id), "lead.assigned", { leadId: row.lead_id, toUserId: row.lead_assignee_id, contactName }),
    );
  }
  if (isReaction) {
    if (row.reacted_id) {
      events.push(...eventsFor(audience, "message.updated", { conversationId: row.conversation_id, messageId: row.reacted_id, status: row.reacted_status ?? "" }));
    }
  } else {
    events.push(
      ...eventsFor(audience, "message.created", { conversationId: row.conversation_id, messageId: row.message_id, direction: "inbound", sender: "customer", authorUserId: null }),
    );
  }
  const replyAt = row.reply_at ? new Date(row.reply_at) : null;
  return { events, jobsEnqueued: (row.forward_job_id ? 1 : 0) + (replyAt ? 1 : 0), replyAt };
}


/**
 * Two first messages of a new contact stored at the same instant each pick a
 * fresh conversation id; the second statement then finds the first's
 * conversation on insert and fails its foreign key at the end, storing
 * nothing. Run again, it sees the committed conversation and succeeds, so a
 * burst of messages from a new customer never costs Meta a retry.
 */
async function executeRacingNewConversation<T>(db: Db, statement: SQL): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await executePrepared<T>(db, statement);
    } catch (error) {
      if (attempt >= 3 || pgErrorCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
}
