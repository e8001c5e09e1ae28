import { sql, type SQL } from "drizzle-orm";
import type { AutoLeadSettings } from "@/lib/settings/auto-lead";
import type { InboundMessage } from "@/lib/whatsapp/webhook-payload";

/** The platform of a Click-to-WhatsApp ad, from the link Meta puts in `referral.source_url`. */
export function adPlatform(referral: InboundMessage["referral"]): "facebook" | "instagram" | null {
  if (referral?.source_type !== "ad") return null;
  const url = (referral.source_url ?? "").toLowerCase();
  if (url.includes("instagram.com") || url.includes("instagr.am")) return "instagram";
  return "facebook";
}

/**
 * The auto-lead step of the webhook's storing statement (a CTE named `lead`,
 * reading the `message`, `contact` and `conversation` CTEs before it): when
 * enabled, a customer message of a contact without a lead creates one with
 * the configured status, source and assignee. The unique (workspace, contact)
 * index makes duplicate and concurrent deliveries create one lead. A message
 * from an ad takes the ad platform's source and keeps the ad's id, headline
 * and click id. With round robin, the lead goes to the agent the same
 * statement chose for the chat (one rotation per workspace).
 */
export function autoLeadCte(workspaceId: string, settings: AutoLeadSettings, message: InboundMessage, counts: boolean): SQL {
  if (!settings.enabled || !counts) return sql`lead as (select null::uuid as id, null::uuid as assigned_user_id where false)`;
  const platform = adPlatform(message.referral);
  const referral = (platform ? message.referral : undefined) as Record<string, unknown> | undefined;
  const text = (key: string) => (typeof referral?.[key] === "string" ? (referral[key] as string) : null);
  const sourceOf = (key: string) => sql`(select id from lead_sources where workspace_id = ${workspaceId} and system_key = ${key} and archived_at is null)`;
  const configuredSource = settings.sourceId
    ? sql`(select id from lead_sources where id = ${settings.sourceId} and workspace_id = ${workspaceId} and archived_at is null)`
    : sql`null::uuid`;
  const configuredAssignee = settings.assigneeUserId
    ? sql`(select user_id from memberships where workspace_id = ${workspaceId} and user_id = ${settings.assigneeUserId} and active)`
    : sql`null::uuid`;
  const assignee = settings.assigneeUserId ? configuredAssignee : settings.unassignedMode === "round_robin" ? sql`conversation.assigned_user_id` : sql`null::uuid`;
  return sql`lead as (
    insert into leads (workspace_id, contact_id, conversation_id, status, source_id, assigned_user_id, ad_id, ad_headline, ctwa_clid)
    select ${workspaceId}, contact.id, conversation.id, ${settings.status}::lead_status,
           coalesce(${platform ? sourceOf(platform) : sql`null::uuid`}, ${configuredSource}, ${sourceOf("whatsapp")}),
           ${assignee}, ${text("source_id")}, ${text("headline")}, ${text("ctwa_clid")}
    from message, contact, conversation
    on conflict (workspace_id, contact_id) do nothing
    returning id, assigned_user_id
  )`;
}
