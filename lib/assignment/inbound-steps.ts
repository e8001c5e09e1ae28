import { sql } from "drizzle-orm";
import { defineStep } from "@/lib/inbox/pipeline";
import { event, userChannel } from "@/lib/realtime/events";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { pickAgentCtes } from "./auto-assign";

/**
 * Automatic assignment inside the inbound statement: `pick` chooses an agent
 * (before the conversation step, which takes it as the assignee of a chat
 * nobody owns), only for a stored customer message (not a reaction) in such
 * a chat.
 */
export const pickAgentStep = defineStep({
  name: "pick-agent",
  settings: { supportAgent: supportAgentSection },
  defines: ["candidates", "cursor", "pick"],
  reads: ["message", "previous"],
  ctes: ({ workspaceId, counts }, { supportAgent }) =>
    pickAgentCtes(
      workspaceId,
      supportAgent.method,
      // A literal false when off: Postgres then plans the rotation's cursor update away instead of running it gated.
      counts && supportAgent.autoAssign ? sql`exists (select 1 from message) and (select assigned_user_id from previous) is null` : sql`false`,
    ),
});

/** The assignment `pick` made, on the chat's history; its agent is told at once, as a manual assignment does. */
export const recordAssignmentStep = defineStep<Record<string, never>, { assigned_to: string | null }>({
  name: "record-assignment",
  settings: {},
  defines: ["assignment"],
  reads: ["conversation", "pick", "previous"],
  ctes: ({ workspaceId }) => sql`assignment as (
      insert into conversation_events (workspace_id, conversation_id, kind, to_user_id)
      select ${workspaceId}, conversation.id, 'assigned', conversation.assigned_user_id
      from conversation, pick
      where conversation.assigned_user_id = pick.user_id and (select assigned_user_id from previous) is null
      returning to_user_id
    )`,
  columns: { assigned_to: sql`(select to_user_id from assignment)` },
  effects: ({ assigned_to }, core, { contactName }) =>
    assigned_to
      ? { events: [event(userChannel(assigned_to), "conversation.assigned", { conversationId: core.conversationId, toUserId: assigned_to, byUserId: null, contactName })] }
      : {},
});
