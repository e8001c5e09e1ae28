import "server-only";
import { sql } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

/**
 * Agent performance for a period [from, to), read from the stored messages
 * and the assignment history (conversation_events). docs/reports.md gives
 * the same definitions for people reading the screen.
 *
 * - chatsAssigned: "assigned" events whose new assignee is the member,
 *   created in the period, automatic (actor null) or manual. Each event
 *   counts: a chat handed A→B→A counts twice for A.
 * - chatsResolved: "resolved" events whose actor is the member, in the period.
 * - messagesSent: outbound messages written by the member (sender "agent",
 *   author_user_id = member) with sent_at in the period, failed sends excluded.
 * - response time: for each such message that answers the customer (the
 *   message before it in the conversation is inbound), the time from the
 *   FIRST customer message of that unanswered run to the reply. The run may
 *   have started before the period.
 * - first response time: for each assignment to the member in the period,
 *   from the assignment, or from the first customer message after it if none
 *   was waiting, to the member's first message after that, while the
 *   assignment still holds (before the chat's next assigned/unassigned
 *   event). The reply may fall after the period: it belongs to the
 *   assignment. Assignments never answered do not count.
 *
 * In the message sequence, failed sends (never reached the customer) and
 * reactions (not something to answer) are left out; a bot's message is an
 * outbound message like an agent's, so it ends a customer's run.
 *
 * Rows: every active agent of the workspace, plus any other member (admin,
 * deactivated) with activity in the period. Sorted by name.
 */
export type AgentPerformanceRow = {
  userId: string;
  name: string;
  chatsAssigned: number;
  chatsResolved: number;
  messagesSent: number;
  medianFirstResponseSeconds: number | null;
  medianResponseSeconds: number | null;
};

export type ReportPeriod = { workspaceId: string; from: Date; to: Date };

type Row = {
  user_id: string;
  name: string;
  chats_assigned: number | string;
  chats_resolved: number | string;
  messages_sent: number | string;
  median_first_response: number | string | null;
  median_response: number | string | null;
};

const seconds = (value: number | string | null) => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

export async function agentPerformance(db: Db, { workspaceId, from, to }: ReportPeriod): Promise<AgentPerformanceRow[]> {
  const ws = sql`${workspaceId}::uuid`;
  const start = sql`${from.toISOString()}::timestamptz`;
  const end = sql`${to.toISOString()}::timestamptz`;
  // Which messages take part in the customer/agent alternation.
  const counted = (m: string) => sql.raw(`${m}.status <> 'failed' and ${m}.type <> 'reaction'`);

  const result = await db.execute(sql`
    with
    assigned as (
      select to_user_id as user_id, count(*) as n
      from conversation_events
      where workspace_id = ${ws} and kind = 'assigned' and created_at >= ${start} and created_at < ${end}
      group by to_user_id
    ),
    resolved as (
      select actor_user_id as user_id, count(*) as n
      from conversation_events
      where workspace_id = ${ws} and kind = 'resolved' and created_at >= ${start} and created_at < ${end}
        and actor_user_id is not null
      group by actor_user_id
    ),
    agent_messages as (
      select conversation_id, author_user_id
      from messages
      where workspace_id = ${ws} and direction = 'outbound' and sender = 'agent' and status <> 'failed'
        and sent_at >= ${start} and sent_at < ${end}
    ),
    sent as (
      select author_user_id as user_id, count(*) as n from agent_messages group by author_user_id
    ),
    -- Each conversation's messages are read from its last outbound message before the period
    -- (everything before it is answered history), so the scan stays near the period.
    threads as (
      select c.conversation_id,
        (select m.sent_at from messages m
         where m.conversation_id = c.conversation_id and m.direction = 'outbound' and m.sent_at < ${start} and ${counted("m")}
         order by m.sent_at desc limit 1) as since
      from (select distinct conversation_id from agent_messages) c
    ),
    sequence as (
      select m.id, m.conversation_id, m.direction, m.sender, m.author_user_id, m.sent_at,
        lag(m.direction) over (partition by m.conversation_id order by m.sent_at, m.id) as previous_direction
      from threads t
      join messages m on m.conversation_id = t.conversation_id and m.workspace_id = ${ws}
      where m.sent_at < ${end} and m.sent_at >= coalesce(t.since, '-infinity'::timestamptz) and ${counted("m")}
    ),
    runs as (
      select s.*,
        -- The start of the latest customer run: an inbound message right after a non-inbound one (or first).
        max(case when s.direction = 'inbound' and s.previous_direction is distinct from 'inbound' then s.sent_at end)
          over (partition by s.conversation_id order by s.sent_at, s.id rows between unbounded preceding and current row) as run_started_at
      from sequence s
    ),
    responses as (
      select author_user_id as user_id,
        percentile_cont(0.5) within group (order by extract(epoch from sent_at - run_started_at)::float8) as median
      from runs
      where sender = 'agent' and direction = 'outbound' and previous_direction = 'inbound' and sent_at >= ${start}
      group by author_user_id
    ),
    assignments as (
      select e.conversation_id, e.to_user_id as user_id, e.created_at as assigned_at,
        (select min(n.created_at) from conversation_events n
         where n.conversation_id = e.conversation_id and n.kind in ('assigned', 'unassigned') and n.created_at > e.created_at
        ) as ended_at
      from conversation_events e
      where e.workspace_id = ${ws} and e.kind = 'assigned' and e.created_at >= ${start} and e.created_at < ${end}
    ),
    first_responses as (
      select a.user_id,
        percentile_cont(0.5) within group (order by extract(epoch from reply.sent_at - greatest(a.assigned_at, waiting.sent_at))::float8) as median
      from assignments a
      -- The customer's unanswered run at the assignment, or their first message after it.
      left join lateral (
        select m.sent_at from messages m
        where m.conversation_id = a.conversation_id and m.direction = 'outbound' and m.sent_at < a.assigned_at and ${counted("m")}
        order by m.sent_at desc limit 1
      ) answered on true
      join lateral (
        select m.sent_at from messages m
        where m.conversation_id = a.conversation_id and m.direction = 'inbound' and ${counted("m")}
          and m.sent_at > coalesce(answered.sent_at, '-infinity'::timestamptz)
          and m.sent_at < coalesce(a.ended_at, 'infinity'::timestamptz)
        order by m.sent_at limit 1
      ) waiting on true
      join lateral (
        select m.sent_at from messages m
        where m.conversation_id = a.conversation_id and m.direction = 'outbound' and m.sender = 'agent'
          and m.author_user_id = a.user_id and ${counted("m")}
          and m.sent_at >= greatest(a.assigned_at, waiting.sent_at)
          and m.sent_at < coalesce(a.ended_at, 'infinity'::timestamptz)
        order by m.sent_at limit 1
      ) reply on true
      group by a.user_id
    )
    select u.id as user_id, u.name,
      coalesce(assigned.n, 0) as chats_assigned,
      coalesce(resolved.n, 0) as chats_resolved,
      coalesce(sent.n, 0) as messages_sent,
      first_responses.median as median_first_response,
      responses.median as median_response
    from memberships ms
    join users u on u.id = ms.user_id
    left join assigned on assigned.user_id = ms.user_id
    left join resolved on resolved.user_id = ms.user_id
    left join sent on sent.user_id = ms.user_id
    left join responses on responses.user_id = ms.user_id
    left join first_responses on first_responses.user_id = ms.user_id
    where ms.workspace_id = ${ws}
      and ((ms.role = 'agent' and ms.active) or assigned.n > 0 or resolved.n > 0 or sent.n > 0)
    order by u.name, u.id
  `);

  return rowsOf<Row>(result).map((row) => ({
    userId: row.user_id,
    name: row.name,
    chatsAssigned: Number(row.chats_assigned),
    chatsResolved: Number(row.chats_resolved),
    messagesSent: Number(row.messages_sent),
    medianFirstResponseSeconds: seconds(row.median_first_response),
    medianResponseSeconds: seconds(row.median_response),
  }));
}

/**
 * The report as the reports screen loads it: the page already refuses
 * non-admins, and this check keeps any other caller honest too.
 */
export async function loadAgentPerformanceReport(db: Db, actor: Actor, period: { from: Date; to: Date }): Promise<AgentPerformanceRow[]> {
  assertCan(actor, "reports:view");
  return agentPerformance(db, { workspaceId: actor.workspaceId, from: period.from, to: period.to });
}
