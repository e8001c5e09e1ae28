import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { conversationChannels, eventsFor } from "@/lib/realtime/audience";
import type { RealtimeEvent } from "@/lib/realtime/events";
import type { SupportAgentSettings } from "@/lib/settings/support-agent";

/**
 * Automatic assignment as SQL common table expressions, so the webhook can
 * choose an agent inside the very statement that stores the message.
 *
 * Candidates are active agents whose availability is "available" (admins
 * are not given chats automatically). Round robin takes the next position
 * of the workspace's row in `assignment_cursors`: the row is locked by each
 * statement in turn, so concurrent webhooks on any number of app instances
 * get consecutive positions and the rotation stays exact. "Least open"
 * picks the agent with the fewest open chats (ties by id).
 *
 * `gate` says whether this statement assigns at all; the cursor only moves
 * when it does and an agent is available. Otherwise, with nobody available,
 * every message of an unassigned chat would lock the workspace's cursor row
 * and concurrent webhooks would queue behind one another until each commit.
 *
 * The CTEs defined are `candidates`, `cursor` (empty with "least open") and
 * `pick` with the chosen `user_id` (no row when nobody is available).
 */
export function pickAgentCtes(workspaceId: string, method: SupportAgentSettings["method"], gate: SQL): SQL {
  const candidates = sql`candidates as (
    select m.user_id,
           (row_number() over (order by m.user_id) - 1) as idx,
           count(*) over () as n,
           ${method === "least_open"
             ? sql`(select count(*) from conversations oc
                    where oc.workspace_id = ${workspaceId} and oc.assigned_user_id = m.user_id and oc.status = 'open')`
             : sql`0`} as open_count
    from memberships m
    where m.workspace_id = ${workspaceId} and m.active and m.availability = 'available' and m.role = 'agent'
  )`;
  if (method === "least_open") {
    return sql`${candidates},
      cursor as (select null::integer as position where false),
      pick as (select user_id from candidates where ${gate} order by open_count, user_id limit 1)`;
  }
  return sql`${candidates},
    cursor as (
      insert into assignment_cursors (workspace_id, position) select ${workspaceId}, 1 where ${gate} and exists (select 1 from candidates)
      on conflict (workspace_id) do update set position = assignment_cursors.position + 1
      returning position
    ),
    pick as (select candidates.user_id from candidates, cursor where candidates.idx = (cursor.position - 1) % candidates.n)`;
}

/**
 * Gives the oldest waiting (open, unassigned) chats to the available agents,
 * one statement per chat, when an agent comes back or automatic assignment
 * is switched on. Returns the assignments made and the events that tell
 * the chats' audiences, for the caller to publish after commit.
 */
export async function assignWaitingConversations(
  db: Db,
  workspaceId: string,
  settings: SupportAgentSettings,
  max = 200,
): Promise<{ assignments: { conversationId: string; userId: string }[]; events: RealtimeEvent[] }> {
  if (!settings.autoAssign) return { assignments: [], events: [] };
  const made: { conversationId: string; userId: string }[] = [];
  for (let i = 0; i < max; i++) {
    const result = await db.execute(sql`
      with target as (
        select id from conversations
        where workspace_id = ${workspaceId} and status = 'open' and assigned_user_id is null
        order by last_message_at
        limit 1
        for update skip locked
      ),
      ${pickAgentCtes(workspaceId, settings.method, sql`exists (select 1 from target)`)},
      updated as (
        update conversations set assigned_user_id = pick.user_id, updated_at = now()
        from pick, target
        where conversations.id = target.id and conversations.assigned_user_id is null
        returning conversations.id, conversations.assigned_user_id
      ),
      recorded as (
        insert into conversation_events (workspace_id, conversation_id, kind, to_user_id)
        select ${workspaceId}, updated.id, 'assigned', updated.assigned_user_id from updated
        returning conversation_id
      )
      select updated.id as conversation_id, updated.assigned_user_id as user_id from updated`);
    const [row] = rowsOf<{ conversation_id: string; user_id: string }>(result);
    if (!row) break;
    made.push({ conversationId: row.conversation_id, userId: row.user_id });
  }
  const events = made.flatMap((a) =>
    eventsFor(conversationChannels(workspaceId, settings.restrictToAssigned, a.userId), "conversation.updated", { conversationId: a.conversationId }),
  );
  return { assignments: made, events };
}
