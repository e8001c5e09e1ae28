import { sql } from "drizzle-orm";
import { defineStep, emptyCte } from "@/lib/inbox/pipeline";
import { eventsFor, leadChannels } from "@/lib/realtime/audience";
import { event, userChannel, type RealtimeEvent } from "@/lib/realtime/events";
import { autoLeadSection } from "@/lib/settings/auto-lead";
import { supportAgentSection } from "@/lib/settings/support-agent";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";

/** The platform of a Click-to-WhatsApp ad, from the link Meta puts in `referral.source_url`. */
export function adPlatform(referral: InboundMessage["referral"]): "facebook" | "instagram" | null {
  if (referral?.source_type !== "ad") return null;
  const url = (referral.source_url ?? "").toLowerCase();
  if (url.includes("instagram.com") || url.includes("instagr.am")) return "instagram";
  return "facebook";
}

/**
 * Auto lead inside the inbound statement: when enabled, a customer message
 * of a contact without a lead creates one with the configured status, source
 * and assignee. The unique (workspace, contact) index makes duplicate and
 * concurrent deliveries create one lead. A message from an ad takes the ad
 * platform's source and keeps the ad's id, headline and click id. With round
 * robin, the lead goes to the agent the same statement chose for the chat
 * (one rotation per workspace). The configured source and assignee are
 * checked again here (archived, deactivated: WhatsApp / nobody). Apart from
 * on/off, every choice is a parameter, not a different statement text.
 */
export const autoLeadStep = defineStep<
  { autoLead: typeof autoLeadSection; supportAgent: typeof supportAgentSection },
  { lead_id: string | null; lead_assignee_id: string | null }
>({
  name: "auto-lead",
  settings: { autoLead: autoLeadSection, supportAgent: supportAgentSection },
  defines: ["lead"],
  reads: ["message", "contact", "conversation"],
  ctes: ({ workspaceId, message, counts }, { autoLead }) => {
    if (!autoLead.enabled || !counts) return emptyCte("lead", { id: "uuid", assigned_user_id: "uuid" });
    const platform = adPlatform(message.referral);
    const referral = (platform ? message.referral : undefined) as Record<string, unknown> | undefined;
    const text = (key: string) => (typeof referral?.[key] === "string" ? (referral[key] as string) : null);
    const systemSource = (key: unknown) =>
      sql`(select id from lead_sources where workspace_id = ${workspaceId} and system_key = ${key}::text and archived_at is null)`;
    return sql`lead as (
    insert into leads (workspace_id, contact_id, conversation_id, status, source_id, assigned_user_id, ad_id, ad_headline, ctwa_clid)
    select ${workspaceId}, contact.id, conversation.id, ${autoLead.status}::lead_status,
           coalesce(${systemSource(platform)},
                    (select id from lead_sources where id = ${autoLead.sourceId}::uuid and workspace_id = ${workspaceId} and archived_at is null),
                    ${systemSource("whatsapp")}),
           case when ${autoLead.assigneeUserId}::uuid is not null
                  then (select user_id from memberships where workspace_id = ${workspaceId} and user_id = ${autoLead.assigneeUserId}::uuid and active)
                when ${autoLead.unassignedMode === "round_robin"}::boolean then conversation.assigned_user_id
           end,
           ${text("source_id")}, ${text("headline")}, ${text("ctwa_clid")}
    from message, contact, conversation
    on conflict (workspace_id, contact_id) do nothing
    returning id, assigned_user_id
  )`;
  },
  columns: { lead_id: sql`(select id from lead)`, lead_assignee_id: sql`(select assigned_user_id from lead)` },
  // A lead is seen by the lead's assignee, who may not be the chat's.
  effects: ({ lead_id, lead_assignee_id }, _core, { workspaceId, contactName }, { supportAgent }) => {
    if (!lead_id) return {};
    const events: RealtimeEvent[] = eventsFor(leadChannels(workspaceId, supportAgent.restrictToAssigned, lead_assignee_id), "lead.created", { leadId: lead_id });
    if (lead_assignee_id) events.push(event(userChannel(lead_assignee_id), "lead.assigned", { leadId: lead_id, toUserId: lead_assignee_id, contactName }));
    return { events };
  },
});
